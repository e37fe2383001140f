x = f"{y!z}"
