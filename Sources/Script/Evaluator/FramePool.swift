/// Frames of finished calls of one function, kept for its next call so that a call does not
/// allocate. A singly linked list through the frames themselves (`FrameHeader.nextSpare`),
/// holding one unmanaged reference per frame: no array, no uniqueness checks on a buffer.
struct FramePool {
    private var head: Unmanaged<Frame>?
    private var count = 0
    /// Enough for recursion to reuse frames; deeper recursion allocates the rest.
    static let capacity = 64

    /// A spare frame (every slot `.void`, no parent), or nil.
    @inline(__always) mutating func take() -> Frame? {
        guard let spare = head else { return nil }
        let frame = spare.takeRetainedValue()  // the pool's reference becomes the caller's
        head = frame.state.pointee.nextSpare
        frame.state.pointee.nextSpare = nil
        count -= 1
        return frame
    }

    /// Keeps a finished call's frame, unless something else still holds it (a closure created
    /// during the call captured it) or the pool is full.
    @inline(__always) mutating func put(_ frame: consuming Frame) {
        var frame = frame
        guard count < FramePool.capacity, isKnownUniquelyReferenced(&frame) else { return }
        frame.reset()
        frame.state.pointee.nextSpare = head
        head = Unmanaged.passRetained(frame)
        count += 1
    }

    /// For functions whose frames cannot outlive their call (the body creates no closures, so
    /// nothing can capture the frame): frames move in and out as unmanaged references, with no
    /// uniqueness check and no reference counting. The caller owns the returned reference and
    /// must hand it back with `putPrivate` or `release()` it.
    @inline(__always) mutating func takePrivate(count slotCount: Int) -> Unmanaged<Frame> {
        guard let spare = head else { return Unmanaged.passRetained(Frame.make(count: slotCount, parent: nil)) }
        spare._withUnsafeGuaranteedRef { frame in
            head = frame.state.pointee.nextSpare
            frame.state.pointee.nextSpare = nil
        }
        count -= 1
        return spare
    }

    /// Takes back a frame from `takePrivate` after its call.
    @inline(__always) mutating func putPrivate(_ frame: Unmanaged<Frame>) {
        guard count < FramePool.capacity else { frame.release(); return }
        frame._withUnsafeGuaranteedRef { $0.reset(); $0.state.pointee.nextSpare = head }
        head = frame
        count += 1
    }

    /// Releases the pooled frames (the owning prototype is going away).
    mutating func drain() {
        while take() != nil {}
    }
}
