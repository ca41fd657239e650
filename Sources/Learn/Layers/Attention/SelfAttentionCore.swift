import Tensor

/// What SelfAttention and MultiHeadAttention share: per batch size, the workspaces of the attention op
/// and of the Dense projections, and the pass from x to softmax(q·kᵀ/√d)·v with q, k, v projections of x.
final class SelfAttentionCore {
    private let denseCount: Int
    private var buffers: [Int: (AttentionWorkspace, [Workspace])] = [:]

    /// - Parameter denseWorkspaces: workspaces for the projections (the first) and any further Dense of the layer.
    init(denseWorkspaces: Int) { denseCount = denseWorkspaces }

    /// The attention op's workspace and `denseWorkspaces` Dense workspaces for a batch size.
    func workspaces(batch: Int) -> (attention: AttentionWorkspace, dense: [Workspace]) {
        if let hit = buffers[batch] { return hit }
        if buffers.count >= 8 { buffers.removeAll() }  // bound memory when callers vary batch sizes
        let fresh = (AttentionWorkspace(), (0..<denseCount).map { _ in Workspace() })
        buffers[batch] = fresh
        return fresh
    }

    /// x [B, T, F…] read as [B, T, F] (reshaped into out[0]); queries, keys and values = Dense(x) with the
    /// kernels and (with `useBias`) biases of `weights`, in that order from its start, computed side by side as one
    /// product into out[1] ([B, T, 3·width]); then attention over `heads` heads into out[4].
    func attend(_ x: Variable, steps: Int, features: Int, weights: [Variable], useBias: Bool, heads: Int,
                causal: Bool, out: [Variable], tape: Tape?) throws -> Variable {
        let batch = x.shape[0]
        let (attention, dense) = workspaces(batch: batch)
        let rows = x.value.rank == 3 ? x : try Ops.reshape(x, to: [batch, steps, features], into: out[0], tape: tape)
        let per = useBias ? 2 : 1
        let kernels = (0..<3).map { weights[per * $0] }, biases = useBias ? (0..<3).map { weights[2 * $0 + 1] } : nil
        let qkv = try Ops.projections(rows, kernels: kernels, biases: biases, workspace: dense[0], into: out[1],
                                      tape: tape)
        return try Ops.attention(packed: qkv, heads: heads, causal: causal, workspace: attention, into: out[4],
                                 tape: tape)
    }
}
