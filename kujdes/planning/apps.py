from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "kujdes.planning"
    label = "planning"
