let rate = 0.1
rate = 0.2

