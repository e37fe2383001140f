import enum
class Color(enum.Enum):
    RED = 1
def f(command, point):
    match command.split():
        case [action]:
            pass
        case [action, obj]:
            pass
        case ["go", direction] | ["move", direction] if direction:
            pass
        case {"x": 0, "y": 1, **rest}:
            pass
        case Point(x=0, y=0) | Point(1, 2):
            pass
        case Color.RED:
            pass
        case [1, 2, *others] | (3, *_):
            pass
        case -1 | 1.5 | 2j | -3+4j | 5-6j | "s" "t" | b"b" | None | True | False:
            pass
        case (x, y) as pair:
            pass
        case {1: _, "k": [*_]} | {}:
            pass
        case str() | bytes():
            pass
        case _:
            pass
    match point:
        case ():
            pass
    match (1, 2):
        case (a, b):
            pass
    match 1, *point:
        case _:
            pass
match = 1
match.real
match(1)
case = [match]
print(case[0])
type = 5
type(3)
