import CKernels

extension Gemm {
    /// One way to run the products: Folio's kernels at a vector width (512: AVX-512, 256: AVX2 with FMA), or
    /// OpenBLAS. A process starts with the widest Folio kernels its CPU runs; tests go through every setting
    /// the CPU can run, so the AVX2 kernels are checked on AVX-512 machines too.
    public enum Setting: Equatable, Sendable, CustomStringConvertible {
        case folio(bits: Int)
        case openBLAS

        /// Every setting this CPU can run: Folio's widths, widest first, then OpenBLAS (whichever is selected).
        public static var available: [Setting] {
            let widest = Int(folio_gemm_widest_isa())
            return [512, 256].filter { $0 <= widest }.map { Setting.folio(bits: $0) } + [.openBLAS]
        }

        /// What a fresh process starts with.
        public static var standard: Setting { available[0] }

        /// Makes this the setting of every product from now on (not thread-safe: for tests and measurements).
        public func select() {
            switch self {
            case .folio(let bits):
                let inUse = folio_gemm_select_isa(Int32(bits))
                precondition(Int(inUse) == bits, "this CPU cannot run Folio's \(bits)-bit kernels")
                Gemm.kernel = .folio
            case .openBLAS:
                Gemm.kernel = .openBLAS
            }
        }

        public var description: String {
            switch self {
            case .folio(let bits): return "folio-\(bits)"
            case .openBLAS: return "OpenBLAS"
            }
        }
    }
}
