var x = 1
for _ in 0..<70 { x *= 2 }
// expect error: overflow-is-reported.swift:2:19: error: arithmetic operation '4611686018427387904 * 2' (on type 'Int') results in an overflow
// expect error: for _ in 0..<70 { x *= 2 }
// expect error:                   ^
