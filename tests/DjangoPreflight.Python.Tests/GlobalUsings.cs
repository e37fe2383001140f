// CPython's node names (Assert, Tuple, Attribute) collide with xunit and System types.
global using Assert = Xunit.Assert;
global using Attribute = DjangoPreflight.Python.Ast.Attribute;
global using Tuple = DjangoPreflight.Python.Ast.Tuple;
