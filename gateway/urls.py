from django.urls import path

from gateway import views

urlpatterns = [
    path("sms/<str:key>/", views.sms_webhook, name="gateway_sms"),
    path("voice/<str:key>/", views.voice_webhook, name="gateway_voice"),
    path("voice/<str:key>/speech/", views.voice_speech_webhook, name="gateway_voice_speech"),
    path("wechat/<str:key>/", views.wechat_webhook, name="gateway_wechat"),
    path("email/<str:key>/", views.InboundEmail.as_view(), name="gateway_email"),
    path("webhook/<str:key>/", views.GenericWebhook.as_view(), name="gateway_webhook"),
    path("whatsapp/<str:key>/", views.whatsapp_webhook, name="gateway_whatsapp"),
    path("messenger/<str:key>/", views.messenger_webhook, name="gateway_messenger"),
    path("instagram/<str:key>/", views.instagram_webhook, name="gateway_instagram"),
    path("telegram/<str:key>/", views.telegram_webhook, name="gateway_telegram"),
]
