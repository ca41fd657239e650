//| timeout: 0.2
//| error: true
var spins = 0
while true {
    spins += 1
}

print("still running")

