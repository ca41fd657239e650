import Learn
import Script

/// Optimizers, learning-rate schedules and callbacks, named as in Keras: `Adam(lr: 1e-3)`,
/// `EarlyStopping(patience: 3)`, `StepDecay(factor: 0.94, every: 2)`.
enum TrainingBindings {
    static let monitors = ["valLoss", "loss", "valAccuracy", "accuracy"]

    static func install(_ interpreter: Interpreter, types: PreludeTypes) {
        types.optimizer.description { (optimizer: AnyObject) in
            (optimizer as? Optimizer).map { "\($0.name)(lr: \($0.learningRate))" } ?? "<Optimizer>"
        }
        func optimizer(_ name: String, _ defaultRate: Double, _ extra: [Script.Parameter],
                       _ make: @escaping (Float, Arguments) -> Optimizer) {
            let parameters = [Script.Parameter.labeled("lr", .double, default: .double(defaultRate))] + extra
            interpreter.register(function: name, parameters) { args in
                let rate = args.double("lr")
                guard rate > 0, rate.isFinite else {
                    throw HostError("\(name) needs a positive learning rate lr:, got \(rate)")
                }
                return .object(make(Float(rate), args), type: types.optimizer)
            }
        }
        optimizer("SGD", 0.01, [.labeled("momentum", .double, default: .double(0)),
                                .labeled("nesterov", .bool, default: .bool(false))]) { rate, args in
            SGD(learningRate: rate, momentum: Float(args.double("momentum")), nesterov: args.bool("nesterov"))
        }
        optimizer("Adam", 0.001, [.labeled("beta1", .double, default: .double(0.9)),
                                  .labeled("beta2", .double, default: .double(0.999))]) { rate, args in
            Adam(learningRate: rate, beta1: Float(args.double("beta1")), beta2: Float(args.double("beta2")))
        }
        optimizer("AdamW", 0.001, [.labeled("weightDecay", .double, default: .double(0.004))]) { rate, args in
            AdamW(learningRate: rate, weightDecay: Float(args.double("weightDecay")))
        }
        optimizer("RMSProp", 0.001, [.labeled("rho", .double, default: .double(0.9))]) { rate, args in
            RMSProp(learningRate: rate, rho: Float(args.double("rho")))
        }
        installCallbacks(interpreter, types: types)
    }

    private static func installCallbacks(_ interpreter: Interpreter, types: PreludeTypes) {
        let monitor = Script.Parameter.labeled("monitor", .oneOf("Monitor", monitors), default: .symbol("valLoss"))
        func callback(_ name: String, _ parameters: [Script.Parameter],
                      _ make: @escaping (Arguments) throws -> Callback) {
            interpreter.register(function: name, parameters) { args in .object(try make(args), type: types.callback) }
        }
        callback("EarlyStopping", [monitor, .labeled("patience", .int, default: .int(3)),
                                   .labeled("restoreBestWeights", .bool, default: .bool(true))]) { args in
            EarlyStopping(monitor: monitorValue(args), patience: try atLeastOne(args, "patience"),
                          restoreBestWeights: args.bool("restoreBestWeights"))
        }
        callback("ReduceLROnPlateau", [monitor, .labeled("factor", .double, default: .double(0.1)),
                                       .labeled("patience", .int, default: .int(10))]) { args in
            ReduceLROnPlateau(monitor: monitorValue(args), factor: try fraction(args, "factor"),
                              patience: try atLeastOne(args, "patience"))
        }
        callback("StepDecay", [.labeled("factor", .double), .labeled("every", .int)]) { args in
            LearningRateScheduler(.stepDecay(factor: try fraction(args, "factor"),
                                             every: try atLeastOne(args, "every")))
        }
        callback("ExponentialDecay", [.labeled("rate", .double)]) { args in
            LearningRateScheduler(.exponential(rate: try fraction(args, "rate")))
        }
        callback("CosineDecay", [.labeled("epochs", .int), .labeled("minimum", .double, default: .double(0))]) { args in
            LearningRateScheduler(.cosine(epochs: try atLeastOne(args, "epochs"),
                                          minimum: Float(args.double("minimum"))))
        }
    }

    private static func monitorValue(_ args: Arguments) -> Monitor {
        switch args.symbol("monitor") {
        case "loss": return .loss
        case "accuracy": return .accuracy
        case "valAccuracy": return .validationAccuracy
        default: return .validationLoss
        }
    }

    private static func atLeastOne(_ args: Arguments, _ name: String) throws -> Int {
        try LayerBindings.positive(args, name)
    }

    private static func fraction(_ args: Arguments, _ name: String) throws -> Float {
        let value = args.double(name)
        guard value > 0, value <= 1 else { throw HostError("'\(name)' must be in (0, 1], got \(value)") }
        return Float(value)
    }
}
