# Topic 23: metaclasses -- the class of a class: type builds every class, and a metaclass
# (a subclass of type) can change how classes are created: registering them, checking them,
# adding attributes. __init_subclass__ covers most such needs more simply.
Point = type("Point", (), {"x": 0, "describe": lambda self: f"Point at x={self.x}"})
print(Point().describe(), type(Point).__name__, type(type).__name__)


class PluginMeta(type):
    registry = {}

    def __new__(mcls, name, bases, namespace):
        if bases and "run" not in namespace:
            raise TypeError(f"plugin {name} must define run()")
        cls = super().__new__(mcls, name, bases, namespace)
        if bases:
            mcls.registry[name.lower()] = cls
        cls.created_by = mcls.__name__
        return cls


class Plugin(metaclass=PluginMeta):
    pass


class Upper(Plugin):
    def run(self, text):
        return text.upper()


class Reverse(Plugin):
    def run(self, text):
        return text[::-1]


print(sorted(PluginMeta.registry), Upper.created_by, type(Upper).__name__)
print([PluginMeta.registry[name]().run("meta") for name in ("upper", "reverse")])
try:
    class Broken(Plugin):
        pass
except TypeError as exc:
    print("refused at class creation:", exc)


class Singleton(type):
    _instances = {}

    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]


class Config(metaclass=Singleton):
    def __init__(self):
        print("Config created once")


print(Config() is Config())


class Serializer:
    formats = []

    def __init_subclass__(cls, fmt, **kwargs):
        super().__init_subclass__(**kwargs)
        Serializer.formats.append(fmt)


class JsonSerializer(Serializer, fmt="json"):
    pass


class CsvSerializer(Serializer, fmt="csv"):
    pass


print("registered without a metaclass:", Serializer.formats)
