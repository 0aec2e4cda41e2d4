from django.urls import path

from accounts import apis

urlpatterns = [
    path("account/token/", apis.MyTokenApi.as_view(), name="my-token"),
    path("users/<int:user_id>/token/", apis.UserTokenRevokeApi.as_view(), name="user-token"),
    path("users/locked/", apis.LockedUserListApi.as_view(), name="users-locked"),
    path("users/<int:user_id>/unlock/", apis.UserUnlockApi.as_view(), name="user-unlock"),
]
