from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "msp_si.accounts"
    label = "accounts"
    verbose_name = "Comptes"
