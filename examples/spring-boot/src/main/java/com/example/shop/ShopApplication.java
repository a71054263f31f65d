package com.example.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A shop whose schema Flyway migrates at startup; with exoquic-postgres-configurer on the class path, the same run prepares the database for Exoquic. */
@SpringBootApplication
public class ShopApplication {
    public static void main(String[] args) {
        // No web server in this example: migrate at startup, then exit.
        System.exit(SpringApplication.exit(SpringApplication.run(ShopApplication.class, args)));
    }
}
