# Reads OpenMetrics text on stdin with prometheus_client's parsers (Debian's python3-prometheus-client) and prints
# its samples as JSON: the strict OpenMetrics parser, and the Prometheus text parser that the node exporter's
# textfile collector format follows; both must accept the text and agree.
import json
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families as openmetrics
from prometheus_client.parser import text_string_to_metric_families as prometheus_text

text = sys.stdin.read()


def samples(families):
    found = []
    for family in families:
        for sample in family.samples:
            found.append({"family": family.name, "type": family.type, "unit": getattr(family, "unit", ""),
                          "name": sample.name, "labels": sample.labels, "value": sample.value})
    return found


strict = samples(openmetrics(text))
plain = samples(prometheus_text(text.replace("# EOF\n", "")))
key = lambda s: (s["name"], sorted(s["labels"].items()), s["value"])
if sorted(map(key, strict)) != sorted(map(key, plain)):
    sys.exit("the two parsers disagree:\n%s\n%s" % (strict, plain))
json.dump(strict, sys.stdout)
