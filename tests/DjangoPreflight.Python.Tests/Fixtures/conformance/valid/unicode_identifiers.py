café = 1
π = 3.14
ﬁle = 2
print(file, café + π)
x = "😀 emoji"
# éé
