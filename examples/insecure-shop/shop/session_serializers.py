import pickle


class PickleSerializer:
    """
    Session serializer that keeps Decimal prices in the cart intact.

    Django's JSONSerializer turns Decimal into an error, so the cart used to break;
    Django dropped its own PickleSerializer in 5.0, hence this copy.
    """

    protocol = pickle.HIGHEST_PROTOCOL

    def dumps(self, obj):
        return pickle.dumps(obj, self.protocol)

    def loads(self, data):
        return pickle.loads(data)
