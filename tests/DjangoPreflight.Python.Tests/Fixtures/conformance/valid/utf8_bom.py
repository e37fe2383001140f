# comment
name = "café"
