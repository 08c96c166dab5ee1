from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "kujdes.documents"
    label = "documents"
