def user_from_sso_cookie(token):
    return None
