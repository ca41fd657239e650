// `EngineBench layers`: where a CNN training step spends its time, op by op, at batch 64 —
// forward (recorded on a tape) and backward for each of the convolutions, with the
// GFLOP/s each reaches, and the CPU time summed over all threads (steadier than wall time
// when other processes share the cores). A tool for engine work; `scripts/bench engine` does not run it.
import Glibc
import Learn
import Tensor

/// CPU seconds used by all threads of this process.
func cpuNow() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// One convolution of the CNN: input [h, w, c], `filters` 3×3 filters, pooled or not,
/// and whether its input needs a gradient (not for the first layer, whose input is data).
private struct ConvCase {
    let name: String, h: Int, w: Int, c: Int, filters: Int, pooled: Bool, inputGrad: Bool
}

func profileLayers(only prefix: String = "", batch: Int = 64, steps: Int = 100) throws {
    let cases = [ConvCase(name: "conv1+pool", h: 28, w: 28, c: 1, filters: 32, pooled: true, inputGrad: false),
                 ConvCase(name: "conv2+pool", h: 13, w: 13, c: 32, filters: 64, pooled: true, inputGrad: true),
                 ConvCase(name: "conv3", h: 5, w: 5, c: 64, filters: 64, pooled: false, inputGrad: true)]
    var rng = SeededGenerator(seed: 1)
    for layer in cases where layer.name.hasPrefix(prefix) {
        let x = Variable(Tensor.uniform(shape: [batch, layer.h, layer.w, layer.c], low: 0, high: 1, using: &rng),
                         requiresGrad: layer.inputGrad)
        let kernel = Variable(Tensor.uniform(shape: [3, 3, layer.c, layer.filters], low: -0.1, high: 0.1, using: &rng))
        let bias = Variable(Tensor.uniform(shape: [layer.filters], low: -0.1, high: 0.1, using: &rng))
        let workspace = Workspace(), out = Variable(zeros: [0]), tape = Tape()
        var forward = 0.0, backward = 0.0, cpu = 0.0
        for step in 0..<(steps + 5) {
            tape.reset()
            let c0 = cpuNow(), t0 = now()
            let y = layer.pooled
                ? try Ops.conv2dMaxPool2x2(x, kernel: kernel, bias: bias, stride: (1, 1), padding: .valid,
                                           activation: .relu, workspace: workspace, into: out, tape: tape)
                : try Ops.conv2d(x, kernel: kernel, bias: bias, stride: (1, 1), padding: .valid, activation: .relu,
                                 workspace: workspace, into: out, tape: tape)
            let t1 = now()
            tape.backward(from: y)
            let t2 = now()
            // the first steps size the workspaces
            if step >= 5 { forward += t1 - t0; backward += t2 - t1; cpu += cpuNow() - c0 }
        }
        let positions = Double((layer.h - 2) * (layer.w - 2))
        let macs = positions * Double(9 * layer.c * layer.filters) * Double(batch)
        let flops = 2 * macs * Double(steps)
        print(String(format: "%@: forward %.3f ms (%.1f GFLOP/s), "
                             + "backward %.3f ms (%.1f GFLOP/s), CPU %.3f ms per step",
                     layer.name, forward / Double(steps) * 1e3, flops / forward / 1e9,
                     backward / Double(steps) * 1e3, flops * (layer.inputGrad ? 2 : 1) / backward / 1e9,
                     cpu / Double(steps) * 1e3))
    }
}
