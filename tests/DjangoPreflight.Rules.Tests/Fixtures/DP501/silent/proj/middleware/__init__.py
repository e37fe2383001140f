from .domains import CsrfViewMiddleware

__all__ = ["CsrfViewMiddleware"]
