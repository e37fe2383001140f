x = t"{a}" "plain"
