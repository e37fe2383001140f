from .config import Choices, Config, load_settings

load_settings(__name__)
globals().update({k: v for k, v in vars(Choices).items() if k.isupper()})
