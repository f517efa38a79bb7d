def unread(request):
    user = getattr(request, "user", None)
    return {
        "unread_notifications": getattr(user, "unread_notifications", 0) if user is not None else 0
    }
