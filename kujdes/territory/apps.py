from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    name = "kujdes.territory"
    label = "territory"
