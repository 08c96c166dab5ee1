from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kujdes.accounts"
    label = "accounts"
