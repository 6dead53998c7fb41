"""The monitoring kit in packaging/monitoring/ reads metrics the service really exports."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import yaml
from prometheus_client.parser import text_string_to_metric_families
from PySide6.QtWidgets import QApplication
from remote_support import FakePlayer, start_service

KIT = Path(__file__).resolve().parent.parent / "packaging" / "monitoring"
NAME = re.compile(r"\brevkiosk_[a-z_]+\b")


def exported_names(qapp: QApplication) -> set[str]:
    service = start_service(FakePlayer())
    try:
        logging.getLogger("revkiosk.test").error("a logged error, so the error metrics exist")
        service.frames.observe(0.01)
        text = service.metrics.render()
    finally:
        service.stop()
    names = set()
    for family in text_string_to_metric_families(text):
        names |= {sample.name for sample in family.samples}
    return names


def test_dashboard_and_alerts_use_only_exported_metrics(qapp: QApplication) -> None:
    exported = exported_names(qapp)
    dashboard = json.loads((KIT / "grafana-dashboard.json").read_text())
    expressions = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    alerts = yaml.safe_load((KIT / "revkiosk-alerts.yml").read_text())
    expressions += [rule["expr"] for group in alerts["groups"] for rule in group["rules"]]
    used = {name for expr in expressions for name in NAME.findall(expr)}
    assert used and used <= exported, used - exported
    titles = {panel["title"] for panel in dashboard["panels"]}
    assert {"Slides per hour", "Restarts per hour", "Memory", "Last error per kiosk"} <= titles


def test_scrape_example_uses_the_token_and_the_alerts() -> None:
    config = yaml.safe_load((KIT / "prometheus.yml").read_text())
    job = config["scrape_configs"][0]
    assert job["metrics_path"] == "/metrics"
    assert job["authorization"]["type"] == "Bearer" and "credentials_file" in job["authorization"]
    assert config["rule_files"] == ["revkiosk-alerts.yml"]
