import Charts
import Script

/// One chart a cell can draw, declared once: the name cells call, what it is called on (nothing
/// for a global function, a host type's name for a method), its own parameters, the defaults of
/// the `title:`, `width:` and `height:` every chart takes, and how the arguments become a `Chart`.
/// Registering, the size parameters and wrapping the drawing as an output are derived from it.
struct ChartEntry {
    /// What cells write: `lineChart(…)`, `model.saliency(…)`.
    let name: String
    /// The host type's name for a method ("Model"), nil for a global function.
    let receiver: String?
    /// The chart's own parameters; `title:`, `width:` and `height:` are added after them.
    let parameters: [Script.Parameter]
    /// Defaults of the size parameters; a nil height lets the chart choose (image grids).
    let title: String, width: Double, height: Double?
    /// Builds the chart from the receiver (nil for a function) and the arguments.
    let make: (AnyObject?, Arguments) throws -> any Chart

    /// A global chart function.
    static func function(_ name: String, _ parameters: [Script.Parameter] = [], title: String = "", width: Double = 640,
                         height: Double? = 400, _ make: @escaping (Arguments) throws -> any Chart) -> ChartEntry {
        ChartEntry(name: name, receiver: nil, parameters: parameters, title: title, width: width,
                   height: height) { _, args in try make(args) }
    }

    /// A chart method of the host type named `receiver`, whose objects are `T`s.
    static func method<T: AnyObject>(_ name: String, on receiver: String, _ parameters: [Script.Parameter] = [],
                                     title: String, width: Double = 640, height: Double? = 400,
                                     _ make: @escaping (T, Arguments) throws -> any Chart) -> ChartEntry {
        ChartEntry(name: name, receiver: receiver, parameters: parameters, title: title, width: width,
                   height: height) { base, args in
            guard let object = base as? T else {
                throw HostError("'\(name)' called on a value that is not a \(receiver)")
            }
            return try make(object, args)
        }
    }

    /// Every parameter cells may pass: the chart's own, then title, width and height.
    var allParameters: [Script.Parameter] { parameters + chartParameters(title: title, width: width, height: height) }

    /// Builds the chart and draws it at the size the cell asked for.
    func draw(on receiver: AnyObject?, _ args: Arguments, types: PreludeTypes) throws -> Value {
        let chart = try make(receiver, args)
        let box = try ChartBox(chart, width: args.double("width"), height: args["height"].doubleValue)
        return .object(box, type: types.chart)
    }
}

/// All charts cells can draw, in one list: the recipe for a new chart (CONTRIBUTING.md) is its
/// file in Sources/Charts/<Kind>/ and one entry in one of the tables joined here.
enum ChartRegistry {
    static let entries = ChartBindings.functions + ModelCharts.entries + ResultCharts.entries

    /// Registers the global chart functions.
    static func installFunctions(_ interpreter: Interpreter, types: PreludeTypes) {
        for entry in entries where entry.receiver == nil {
            interpreter.register(function: entry.name, entry.allParameters) { args in
                try entry.draw(on: nil, args, types: types)
            }
        }
    }

    /// Registers the chart methods declared for `type` (by its name).
    static func installMethods(on type: HostType, types: PreludeTypes) {
        for entry in entries where entry.receiver == type.name {
            type.method(entry.name, entry.allParameters) { (object: AnyObject, args) in
                try entry.draw(on: object, args, types: types)
            }
        }
    }
}

extension ChartBox {
    /// `chart` drawn `width` units wide (`height` nil: the chart's choice), shown under its title.
    convenience init(_ chart: any Chart, width: Double, height: Double?) throws {
        self.init(title: chart.title, svg: try chart.svg(width: width, height: height))
    }
}
