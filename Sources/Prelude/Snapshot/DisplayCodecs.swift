import CellOutput
import Foundation
import Script

/// A chart: its title and the SVG it draws (a chart value is already drawn).
struct ChartCodec: ObjectCodec {
    func encode(_ object: AnyObject, into encoder: inout SnapshotEncoder, context: PreludeSnapshots) throws {
        let chart = try expect(object, ChartBox.self)
        encoder.archive.string(chart.title)
        encoder.archive.string(chart.svg)
    }

    func decode(from decoder: inout SnapshotDecoder, context: PreludeSnapshots) throws -> AnyObject {
        ChartBox(title: try decoder.archive.string(), svg: try decoder.archive.string())
    }
}

/// A table-like result (label counts, checks, classification reports) and the chart beside it.
struct ReportCodec: ObjectCodec {
    func encode(_ object: AnyObject, into encoder: inout SnapshotEncoder, context: PreludeSnapshots) throws {
        let report = try expect(object, ReportBox.self)
        encoder.archive.plain([UInt8](try JSONEncoder().encode(report.table)))
        encoder.archive.bool(report.chart != nil)
        if let chart = report.chart { try ChartCodec().encode(chart, into: &encoder, context: context) }
    }

    func decode(from decoder: inout SnapshotDecoder, context: PreludeSnapshots) throws -> AnyObject {
        let table = try JSONDecoder().decode(Table.self, from: Data(try decoder.archive.plain(UInt8.self)))
        let chart = try decoder.archive.bool() ? try ChartCodec().decode(from: &decoder, context: context) : nil
        return ReportBox(table, chart: chart as? ChartBox)
    }
}

/// A per-unit table (`activations`, `states`): its numbers, header, title and label columns.
struct UnitTableCodec: ObjectCodec {
    func encode(_ object: AnyObject, into encoder: inout SnapshotEncoder, context: PreludeSnapshots) throws {
        let table = try expect(object, UnitTable.self)
        encoder.archive.int(table.values.count)
        for row in table.values { encoder.archive.plain(row) }
        encoder.archive.strings(table.header)
        encoder.archive.string(table.title)
        encoder.archive.int(table.labels.count)
        for label in table.labels {
            encoder.archive.string(label.name)
            encoder.archive.strings(label.values)
            encoder.archive.bool(label.numeric)
        }
    }

    func decode(from decoder: inout SnapshotDecoder, context: PreludeSnapshots) throws -> AnyObject {
        let values = try (0..<decoder.archive.count()).map { _ in try decoder.archive.plain(Double.self) }
        let header = try decoder.archive.strings(), title = try decoder.archive.string()
        let labels = try (0..<decoder.archive.count()).map { _ in
            TableLabel(try decoder.archive.string(), try decoder.archive.strings(), numeric: try decoder.archive.bool())
        }
        return UnitTable(values: values, header: header, title: title, labels: labels)
    }
}

/// A line of text a call returned (`save` saying it replaced a model).
struct NoteCodec: ObjectCodec {
    func encode(_ object: AnyObject, into encoder: inout SnapshotEncoder, context: PreludeSnapshots) throws {
        encoder.archive.string(try expect(object, TextNote.self).text)
    }

    func decode(from decoder: inout SnapshotDecoder, context: PreludeSnapshots) throws -> AnyObject {
        TextNote(try decoder.archive.string())
    }
}
