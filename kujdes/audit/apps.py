from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kujdes.audit"
    label = "audit"
