from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("account/", views.account, name="account"),
    path("account/token/", views.token_create, name="token_create"),
    path("account/token/revoke/", views.token_revoke, name="token_revoke"),
    path("accounts/locked/", views.locked_users, name="locked_users"),
    path("accounts/users/<int:user_id>/unlock/", views.user_unlock, name="user_unlock"),
]
