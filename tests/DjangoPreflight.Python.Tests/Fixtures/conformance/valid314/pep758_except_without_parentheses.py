try:
    connect()
except ConnectionError, TimeoutError:
    retry()
except ValueError, TypeError,:
    pass
except (KeyError, IndexError) as exc:
    log(exc)

try:
    run()
except* OSError, RuntimeError:
    pass
