import CBLAS
#if canImport(Glibc)
import Glibc
#endif

/// Which OpenBLAS kernels run, and a way to pick faster ones OpenBLAS does not know to pick.
///
/// Why: OpenBLAS chooses its kernels once, when the library loads. Versions before 0.3.22 do
/// not recognise AMD Zen 4/5 and fall back to AVX2 ("Haswell") kernels although the CPU has
/// AVX-512; on this project's 2-core Zen 5 machine the SkylakeX kernels made the CNN's products
/// 1.8× faster. The choice can only be changed through the OPENBLAS_CORETYPE environment
/// variable before the library loads, hence the re-exec below.
public enum BLASKernels {
    /// The kernel family OpenBLAS selected, e.g. "Haswell" or "SkylakeX".
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// True when the CPU has AVX-512 (F, BW, DQ, VL) but OpenBLAS runs AVX2-or-older kernels.
    public static var avx512Unused: Bool {
        #if os(Linux) && arch(x86_64)
        guard ["Haswell", "Zen", "Sandybridge"].contains(coreName),
              let flagsLine = cpuFlagsLine() else { return false }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        return ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains)
        #else
        return false
        #endif
    }

    /// Call first thing in `main`: when `avx512Unused`, re-executes this program (same
    /// arguments and environment) with OPENBLAS_CORETYPE=SKYLAKEX and never returns; otherwise
    /// returns at once. Does nothing if OPENBLAS_CORETYPE is already set (the user's choice wins,
    /// and the re-executed process sees it, so it cannot loop).
    public static func relaunchWithAVX512KernelsIfUseful() {
        #if os(Linux) && arch(x86_64)
        guard getenv("OPENBLAS_CORETYPE") == nil, avx512Unused else { return }
        setenv("OPENBLAS_CORETYPE", "SKYLAKEX", 1)
        let args = CommandLine.unsafeArgv
        execv("/proc/self/exe", args)
        unsetenv("OPENBLAS_CORETYPE")  // exec failed: carry on with the current kernels
        #endif
    }
}

#if os(Linux)
/// The "flags" line of /proc/cpuinfo (read with stdio: /proc files report size 0, so
/// whole-file readers see them as empty).
private func cpuFlagsLine() -> Substring? {
    guard let file = fopen("/proc/cpuinfo", "r") else { return nil }
    defer { fclose(file) }
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    defer { free(line) }
    while getline(&line, &capacity, file) > 0 {
        guard let line else { break }
        let text = String(cString: line)
        if text.hasPrefix("flags") { return Substring(text) }
    }
    return nil
}
#endif
