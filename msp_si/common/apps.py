from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "msp_si.common"
    label = "common"
    verbose_name = "Commun"
