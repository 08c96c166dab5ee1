from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "kujdes.monitoring"
    label = "monitoring"
