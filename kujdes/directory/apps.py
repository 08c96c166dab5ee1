from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "kujdes.directory"
    label = "directory"
