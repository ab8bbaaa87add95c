#include "platform/mesh_cache.hpp"

#include <xxhash.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

// [SECTION] layout guards
// [SECTION] writer and reader
// [SECTION] the mesh format
// [SECTION] keys and file hashes
// [SECTION] MeshCache

namespace corridor::platform {

namespace fs = std::filesystem;
using namespace core;

namespace {

// [SECTION] layout guards
// The format writes raw blocks of floats, uint32s and LineVertex in the host's byte order and declares them
// little-endian IEEE: true on every machine Corridor builds for (x86-64, arm64).
static_assert(std::endian::native == std::endian::little, "the mesh cache format is little-endian");
static_assert(std::numeric_limits<float>::is_iec559 && std::numeric_limits<double>::is_iec559);
static_assert(sizeof(LineVertex) == 4 * sizeof(float) && std::is_trivially_copyable_v<LineVertex>);
static_assert(sizeof(Vec2d) == 2 * sizeof(double) && std::is_trivially_copyable_v<Vec2d>);

// Counts an aggregate's members (C++20: the most initializers brace-initialization accepts, each convertible to
// anything). sizeof alone would miss a bool added into padding.
struct AnyMember {
    template <class T>
    operator T() const; // NOLINT: declared only, for unevaluated use
};
template <class T, class... A>
constexpr std::size_t memberCount()
{
    if constexpr (requires { T{A{}..., AnyMember{}}; }) {
        return memberCount<T, A..., AnyMember>();
    } else {
        return sizeof...(A);
    }
}
// If one of these fails, a member was added to or removed from a struct the cache writes: write and read it below
// (writeX / readX), extend styleFingerprint or meshCacheKey if it is a style or option, bump kMeshFormatVersion,
// then update the count here.
static_assert(memberCount<Vec2d>() == 2);
static_assert(memberCount<Bounds>() == 4);
static_assert(memberCount<Color>() == 4);
static_assert(memberCount<LineVertex>() == 4);
static_assert(memberCount<LineChunk>() == 3);
static_assert(memberCount<DistanceField>() == 6);
static_assert(memberCount<FillChunk>() == 4);
static_assert(memberCount<PointChunk>() == 3);
static_assert(memberCount<MeshLevel>() == 6);
static_assert(memberCount<MeshBatch>() == 3);
static_assert(memberCount<LabelSource>() == 16);
static_assert(memberCount<MarkerSpot>() == 4);
static_assert(memberCount<FeatureIssue>() == 5);
static_assert(memberCount<LayerMesh>() == 8);
static_assert(memberCount<Symbolizer>() == 25);
static_assert(memberCount<Condition>() == 2);
// StyleRule::legend, LayerStyle::legend and ::legendField name legend entries (core/legend) and draw nothing: they
// are left out of styleFingerprint, so renaming an entry keeps the cached meshes.
static_assert(memberCount<StyleRule>() == 6);
static_assert(memberCount<LayerStyle>() == 5);
static_assert(memberCount<MeshOptions>() == 13); // `threads` is not in the key: the mesh does not depend on it
static_assert(memberCount<StyleContext>() == 1);

// The largest value of each enum the format stores (checked on read: a bad byte is reported, not cast).
constexpr std::uint8_t kMaxLineJoin = static_cast<std::uint8_t>(LineJoin::Bevel);
constexpr std::uint8_t kMaxLineCap = static_cast<std::uint8_t>(LineCap::Square);
constexpr std::uint8_t kMaxMarkerShape = static_cast<std::uint8_t>(MarkerShape::City);
constexpr std::uint8_t kMaxLabelKind = static_cast<std::uint8_t>(LabelSource::Kind::Area);
constexpr std::uint8_t kMaxIssueAction = static_cast<std::uint8_t>(IssueAction::Repaired);

constexpr char kMagic[8] = {'C', 'R', 'D', 'M', 'E', 'S', 'H', '\0'};
constexpr std::size_t kHeaderSize = 32; // magic, u32 version, u32 flags (0), u64 payload size, u64 XXH3-64

// [SECTION] writer and reader
class Writer {
public:
    explicit Writer(std::string& out) : m_out(out) {}

    template <class T>
    void value(T v)
    {
        if constexpr (std::is_enum_v<T>) {
            value(static_cast<std::underlying_type_t<T>>(v));
        } else if constexpr (std::is_same_v<T, bool>) {
            value(static_cast<std::uint8_t>(v ? 1 : 0));
        } else {
            static_assert(std::is_arithmetic_v<T>);
            raw(&v, sizeof v);
        }
    }
    void size(std::size_t n) { value(static_cast<std::uint64_t>(n)); }
    void string(const std::string& s)
    {
        size(s.size());
        raw(s.data(), s.size());
    }
    template <class T>
    void block(const std::vector<T>& v)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        size(v.size());
        raw(v.data(), v.size() * sizeof(T));
    }
    void vec(Vec2d p)
    {
        value(p.x);
        value(p.y);
    }
    void bounds(const Bounds& b)
    {
        value(b.minX);
        value(b.minY);
        value(b.maxX);
        value(b.maxY);
    }
    void color(const Color& c)
    {
        value(c.r);
        value(c.g);
        value(c.b);
        value(c.a);
    }
    void raw(const void* data, std::size_t n) { m_out.append(static_cast<const char*>(data), n); }

private:
    std::string& m_out;
};

// Reads the payload; the first failure sticks (later reads return zeros) and names the byte and what was read.
class Reader {
public:
    Reader(std::string_view payload, std::size_t base) : m_bytes(payload), m_base(base) {}

    bool ok() const { return m_problem.empty(); }
    const std::string& problem() const { return m_problem; }
    std::size_t left() const { return m_bytes.size() - m_pos; }
    std::size_t offset() const { return m_base + m_pos; }

    // Names what is being read for messages: "batch 2 level 1 line chunk 4".
    class Scope {
    public:
        Scope(Reader& r, const char* name, std::size_t index = kNoIndex) : m_reader(r)
        {
            r.m_context.emplace_back(name, index);
        }
        ~Scope() { m_reader.m_context.pop_back(); }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        Reader& m_reader;
    };

    template <class T>
    T value(const char* what)
    {
        if constexpr (std::is_enum_v<T>) {
            return static_cast<T>(value<std::underlying_type_t<T>>(what));
        } else {
            T v{};
            if (need(sizeof v, what)) {
                std::memcpy(&v, m_bytes.data() + m_pos, sizeof v);
                m_pos += sizeof v;
            }
            return v;
        }
    }
    // An enum stored as a byte, checked against its largest value.
    template <class E>
    E enumValue(std::uint8_t max, const char* what)
    {
        const std::size_t at = offset();
        const auto v = value<std::uint8_t>(what);
        if (v > max) {
            fail("bad value " + std::to_string(v) + " at byte " + std::to_string(at) + " for " + described(what) +
                 " (at most " + std::to_string(max) + ")");
            return E{};
        }
        return static_cast<E>(v);
    }
    bool boolean(const char* what)
    {
        const std::size_t at = offset();
        const auto v = value<std::uint8_t>(what);
        if (v > 1) {
            fail("bad value " + std::to_string(v) + " at byte " + std::to_string(at) + " for " + described(what) +
                 " (a flag: 0 or 1)");
        }
        return v == 1;
    }
    // A count of elements that take at least `minBytes` each: more than the bytes left can hold is reported here,
    // before anything is allocated for them.
    std::size_t count(const char* what, std::size_t minBytes)
    {
        const std::size_t at = offset();
        const auto n = value<std::uint64_t>(what);
        if (ok() && n > left() / minBytes) {
            fail("truncated at byte " + std::to_string(m_base + m_bytes.size()) + " while reading " + described(what) +
                 ": the count " + std::to_string(n) + " at byte " + std::to_string(at) + " needs at least " +
                 std::to_string(n) + " x " + std::to_string(minBytes) + " bytes, " + std::to_string(left()) + " left");
            return 0;
        }
        return ok() ? static_cast<std::size_t>(n) : 0;
    }
    std::string string(const char* what)
    {
        const std::size_t n = count(what, 1);
        std::string s;
        if (n > 0 && need(n, what)) {
            s.assign(m_bytes.data() + m_pos, n);
            m_pos += n;
        }
        return s;
    }
    template <class T>
    void block(std::vector<T>& out, const char* what)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        const std::size_t n = count(what, sizeof(T));
        out.clear();
        if (n > 0 && need(n * sizeof(T), what)) {
            out.resize(n);
            std::memcpy(out.data(), m_bytes.data() + m_pos, n * sizeof(T));
            m_pos += n * sizeof(T);
        }
    }
    Vec2d vec(const char* what)
    {
        Vec2d p;
        p.x = value<double>(what);
        p.y = value<double>(what);
        return p;
    }
    Bounds bounds(const char* what)
    {
        Bounds b;
        b.minX = value<double>(what);
        b.minY = value<double>(what);
        b.maxX = value<double>(what);
        b.maxY = value<double>(what);
        return b;
    }
    Color color(const char* what)
    {
        Color c;
        c.r = value<float>(what);
        c.g = value<float>(what);
        c.b = value<float>(what);
        c.a = value<float>(what);
        return c;
    }

    void fail(std::string message)
    {
        if (m_problem.empty()) {
            m_problem = std::move(message);
        }
    }

private:
    static constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);

    bool need(std::size_t n, const char* what)
    {
        if (!ok()) {
            return false;
        }
        if (n > left()) {
            fail("truncated at byte " + std::to_string(m_base + m_bytes.size()) + " while reading " + described(what) +
                 " (" + std::to_string(n) + " bytes at byte " + std::to_string(offset()) + ")");
            return false;
        }
        return true;
    }
    std::string described(const char* what) const
    {
        std::string s;
        for (const auto& [name, index] : m_context) {
            s += name;
            if (index != kNoIndex) {
                s += " " + std::to_string(index);
            }
            s += " ";
        }
        return s + what;
    }

    std::string_view m_bytes;
    std::size_t m_base; // the payload's offset in the file, for messages
    std::size_t m_pos = 0;
    std::string m_problem;
    std::vector<std::pair<const char*, std::size_t>> m_context;
};

// [SECTION] the mesh format
// Members in declaration order; readX mirrors writeX line by line.
void writeSymbolizer(Writer& w, const Symbolizer& s)
{
    w.color(s.stroke);
    w.value(s.strokeWidth);
    w.block(s.dash);
    w.color(s.casing);
    w.value(s.casingWidth);
    w.value(s.join);
    w.value(s.cap);
    w.value(s.miterLimit);
    w.color(s.fill);
    w.value(s.hatch);
    w.color(s.hatchColor);
    w.value(s.marker);
    w.value(s.markerSize);
    w.color(s.markerFill);
    w.color(s.markerOutline);
    w.value(s.minZoom);
    w.value(s.maxZoom);
    w.value(s.visible);
    w.string(s.labelField);
    w.string(s.labelFaField);
    w.value(s.labelPriority);
    w.value(s.labelSize);
    w.color(s.labelColor);
    w.color(s.labelHalo);
    w.value(s.labelLeader);
}

Symbolizer readSymbolizer(Reader& r)
{
    const Reader::Scope scope(r, "symbolizer");
    Symbolizer s;
    s.stroke = r.color("stroke");
    s.strokeWidth = r.value<float>("stroke width");
    r.block(s.dash, "dash");
    s.casing = r.color("casing");
    s.casingWidth = r.value<float>("casing width");
    s.join = r.enumValue<LineJoin>(kMaxLineJoin, "line join");
    s.cap = r.enumValue<LineCap>(kMaxLineCap, "line cap");
    s.miterLimit = r.value<float>("miter limit");
    s.fill = r.color("fill");
    s.hatch = r.boolean("hatch");
    s.hatchColor = r.color("hatch colour");
    s.marker = r.enumValue<MarkerShape>(kMaxMarkerShape, "marker shape");
    s.markerSize = r.value<float>("marker size");
    s.markerFill = r.color("marker fill");
    s.markerOutline = r.color("marker outline");
    s.minZoom = r.value<float>("min zoom");
    s.maxZoom = r.value<float>("max zoom");
    s.visible = r.boolean("visible");
    s.labelField = r.string("label field");
    s.labelFaField = r.string("label-fa field");
    s.labelPriority = r.value<float>("label priority");
    s.labelSize = r.value<float>("label size");
    s.labelColor = r.color("label colour");
    s.labelHalo = r.color("label halo");
    s.labelLeader = r.boolean("label leader");
    return s;
}

void writeLines(Writer& w, const std::vector<LineChunk>& chunks)
{
    w.size(chunks.size());
    for (const LineChunk& c : chunks) {
        w.vec(c.origin);
        w.bounds(c.bounds);
        w.block(c.vertices);
    }
}

// The least bytes an element of each kind takes, for count checks.
constexpr std::size_t kMinLineChunk = 16 + 32 + 8;
constexpr std::size_t kMinFillChunk = 16 + 32 + 8 + 8;
constexpr std::size_t kMinPointChunk = 16 + 32 + 8;
constexpr std::size_t kMinField = 32 + 8 + 4 + 4 + 8 + 1;
constexpr std::size_t kMinLevel = 8 + 8 + 4 * 8;
constexpr std::size_t kMinBatch = 100 + 8 + 8;
constexpr std::size_t kMinLabel = 1 + 4 + 8 + 8 + 16 + 8 + 8 + 6 * 4 + 1 + 32;
constexpr std::size_t kMinMarker = 16 + 3 * 4;
constexpr std::size_t kMinIssue = 8 + 8 + 8 + 1 + 1;

void readLines(Reader& r, std::vector<LineChunk>& out, const char* kind)
{
    const std::size_t n = r.count(kind, kMinLineChunk);
    for (std::size_t i = 0; i < n && r.ok(); ++i) {
        const Reader::Scope scope(r, kind, i);
        LineChunk& c = out.emplace_back();
        c.origin = r.vec("origin");
        c.bounds = r.bounds("bounds");
        r.block(c.vertices, "vertices");
    }
}

void writeLevel(Writer& w, const MeshLevel& l)
{
    w.value(l.tolerance);
    w.size(l.fills.size());
    for (const FillChunk& c : l.fills) {
        w.vec(c.origin);
        w.bounds(c.bounds);
        w.block(c.vertices);
        w.block(c.indices);
    }
    writeLines(w, l.lines);
    w.size(l.fields.size());
    for (const DistanceField& f : l.fields) {
        w.bounds(f.bounds);
        w.value(f.texel);
        w.value(static_cast<std::int32_t>(f.width));
        w.value(static_cast<std::int32_t>(f.height));
        w.block(f.distance);
        w.value(static_cast<std::uint8_t>(f.pixelExact ? 1 : 0));
    }
    writeLines(w, l.fringe);
    w.size(l.vertexCount);
}

void readLevel(Reader& r, MeshLevel& l)
{
    l.tolerance = r.value<double>("tolerance");
    const std::size_t fills = r.count("fill chunks", kMinFillChunk);
    for (std::size_t i = 0; i < fills && r.ok(); ++i) {
        const Reader::Scope scope(r, "fill chunk", i);
        FillChunk& c = l.fills.emplace_back();
        c.origin = r.vec("origin");
        c.bounds = r.bounds("bounds");
        r.block(c.vertices, "vertices");
        r.block(c.indices, "indices");
    }
    readLines(r, l.lines, "line chunk");
    const std::size_t fields = r.count("distance fields", kMinField);
    for (std::size_t i = 0; i < fields && r.ok(); ++i) {
        const Reader::Scope scope(r, "distance field", i);
        DistanceField& f = l.fields.emplace_back();
        f.bounds = r.bounds("bounds");
        f.texel = r.value<double>("texel");
        f.width = r.value<std::int32_t>("width");
        f.height = r.value<std::int32_t>("height");
        r.block(f.distance, "texels");
        f.pixelExact = r.value<std::uint8_t>("pixel-exact flag") != 0;
        // The renderer uploads width x height bytes from `distance`: a mismatch would read past it.
        const auto texels = static_cast<std::uint64_t>(f.width) * static_cast<std::uint64_t>(f.height);
        if (r.ok() && (f.width < 0 || f.height < 0 || texels != f.distance.size())) {
            r.fail("distance field " + std::to_string(i) + " of " + std::to_string(f.width) + " x " +
                   std::to_string(f.height) + " texels holds " + std::to_string(f.distance.size()) + " bytes");
        }
    }
    readLines(r, l.fringe, "fringe chunk");
    l.vertexCount = r.value<std::uint64_t>("vertex count");
}

void writePayload(Writer& w, const LayerMesh& mesh)
{
    w.bounds(mesh.bounds);
    w.size(mesh.inputVertices);
    w.size(mesh.skippedParts);
    w.value(mesh.sharedOutlines);
    w.size(mesh.batches.size());
    for (const MeshBatch& b : mesh.batches) {
        writeSymbolizer(w, b.symbolizer);
        w.size(b.levels.size());
        for (const MeshLevel& l : b.levels) {
            writeLevel(w, l);
        }
        w.size(b.points.size());
        for (const PointChunk& c : b.points) {
            w.vec(c.origin);
            w.bounds(c.bounds);
            w.block(c.positions);
        }
    }
    w.size(mesh.labels.size());
    for (const LabelSource& l : mesh.labels) {
        w.value(l.kind);
        w.value(l.feature);
        w.string(l.text);
        w.string(l.textFa);
        w.vec(l.anchor);
        w.block(l.path);
        w.value(l.areaSize);
        w.value(l.priority);
        w.value(l.size);
        w.value(l.minZoom);
        w.value(l.maxZoom);
        w.value(l.markerRadius);
        w.value(l.lineHalfWidth);
        w.value(l.leader);
        w.color(l.color);
        w.color(l.halo);
    }
    // Element by element: MarkerSpot has padding, which must not reach the file (its bytes are indeterminate).
    w.size(mesh.markers.size());
    for (const MarkerSpot& m : mesh.markers) {
        w.vec(m.at);
        w.value(m.radius);
        w.value(m.minZoom);
        w.value(m.maxZoom);
    }
    w.size(mesh.issues.size());
    for (const FeatureIssue& i : mesh.issues) {
        w.value(i.featureId);
        w.string(i.message);
        w.string(i.featureName);
        w.value(i.action);
        w.value(i.viewProjection);
    }
}

void readPayload(Reader& r, LayerMesh& mesh)
{
    mesh.bounds = r.bounds("layer bounds");
    mesh.inputVertices = r.value<std::uint64_t>("input vertex count");
    mesh.skippedParts = r.value<std::uint64_t>("skipped part count");
    mesh.sharedOutlines = r.boolean("shared outlines");
    const std::size_t batches = r.count("batches", kMinBatch);
    for (std::size_t b = 0; b < batches && r.ok(); ++b) {
        const Reader::Scope batchScope(r, "batch", b);
        MeshBatch& batch = mesh.batches.emplace_back();
        batch.symbolizer = readSymbolizer(r);
        const std::size_t levels = r.count("levels", kMinLevel);
        for (std::size_t l = 0; l < levels && r.ok(); ++l) {
            const Reader::Scope levelScope(r, "level", l);
            readLevel(r, batch.levels.emplace_back());
        }
        const std::size_t points = r.count("point chunks", kMinPointChunk);
        for (std::size_t i = 0; i < points && r.ok(); ++i) {
            const Reader::Scope scope(r, "point chunk", i);
            PointChunk& c = batch.points.emplace_back();
            c.origin = r.vec("origin");
            c.bounds = r.bounds("bounds");
            r.block(c.positions, "positions");
        }
    }
    const std::size_t labels = r.count("labels", kMinLabel);
    for (std::size_t i = 0; i < labels && r.ok(); ++i) {
        const Reader::Scope scope(r, "label", i);
        LabelSource& l = mesh.labels.emplace_back();
        l.kind = r.enumValue<LabelSource::Kind>(kMaxLabelKind, "kind");
        l.feature = r.value<std::uint32_t>("feature");
        l.text = r.string("text");
        l.textFa = r.string("Persian text");
        l.anchor = r.vec("anchor");
        r.block(l.path, "path");
        l.areaSize = r.value<double>("area size");
        l.priority = r.value<float>("priority");
        l.size = r.value<float>("size");
        l.minZoom = r.value<float>("min zoom");
        l.maxZoom = r.value<float>("max zoom");
        l.markerRadius = r.value<float>("marker radius");
        l.lineHalfWidth = r.value<float>("line half width");
        l.leader = r.boolean("leader");
        l.color = r.color("colour");
        l.halo = r.color("halo");
    }
    const std::size_t markers = r.count("markers", kMinMarker);
    mesh.markers.reserve(markers); // checked against the bytes left: at most (bytes / 28) x 32 bytes
    for (std::size_t i = 0; i < markers && r.ok(); ++i) {
        MarkerSpot& m = mesh.markers.emplace_back();
        m.at = r.vec("marker position");
        m.radius = r.value<float>("marker radius");
        m.minZoom = r.value<float>("marker min zoom");
        m.maxZoom = r.value<float>("marker max zoom");
    }
    const std::size_t issues = r.count("issues", kMinIssue);
    for (std::size_t i = 0; i < issues && r.ok(); ++i) {
        const Reader::Scope scope(r, "issue", i);
        FeatureIssue& issue = mesh.issues.emplace_back();
        issue.featureId = r.value<std::int64_t>("feature id");
        issue.message = r.string("message");
        issue.featureName = r.string("feature name");
        issue.action = r.enumValue<IssueAction>(kMaxIssueAction, "action");
        issue.viewProjection = r.boolean("view-projection flag");
    }
}

// An upper estimate of the payload, so serializing appends without reallocating the 100 MB string.
std::size_t payloadEstimate(const LayerMesh& mesh)
{
    std::size_t n = 4096 + mesh.byteSize() + mesh.markers.size() * kMinMarker;
    for (const MeshBatch& b : mesh.batches) {
        n += 256 + b.symbolizer.dash.size() * 4 + b.symbolizer.labelField.size() + b.symbolizer.labelFaField.size();
        for (const MeshLevel& l : b.levels) {
            n += kMinLevel + (l.fills.size() + l.lines.size() + l.fringe.size() + l.fields.size()) * kMinField;
        }
        n += b.points.size() * kMinPointChunk;
    }
    for (const LabelSource& l : mesh.labels) {
        n += kMinLabel + l.textFa.size();
    }
    for (const FeatureIssue& i : mesh.issues) {
        n += kMinIssue + i.message.size() + i.featureName.size();
    }
    return n;
}

std::string hex(const unsigned char* bytes, std::size_t n)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s;
    s.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        s += kDigits[bytes[i] >> 4];
        s += kDigits[bytes[i] & 15];
    }
    return s;
}

std::string hexOf(XXH128_hash_t hash)
{
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, hash);
    return hex(canonical.digest, sizeof canonical.digest);
}

std::string osError(const std::string& what, const fs::path& file)
{
    return what + " " + file.string() + ": " + std::strerror(errno);
}

} // namespace

std::string serializeMesh(const LayerMesh& mesh)
{
    std::string out;
    out.reserve(kHeaderSize + payloadEstimate(mesh));
    out.resize(kHeaderSize);
    Writer w(out);
    writePayload(w, mesh);
    const std::uint64_t payloadSize = out.size() - kHeaderSize;
    const std::uint64_t checksum = XXH3_64bits(out.data() + kHeaderSize, payloadSize);
    const std::uint32_t version = kMeshFormatVersion, flags = 0;
    std::memcpy(out.data(), kMagic, 8);
    std::memcpy(out.data() + 8, &version, 4);
    std::memcpy(out.data() + 12, &flags, 4);
    std::memcpy(out.data() + 16, &payloadSize, 8);
    std::memcpy(out.data() + 24, &checksum, 8);
    return out;
}

std::optional<LayerMesh> deserializeMesh(std::string_view bytes, std::string* problem)
{
    const auto fail = [&](std::string message) -> std::optional<LayerMesh> {
        if (problem != nullptr) {
            *problem = std::move(message);
        }
        return std::nullopt;
    };
    if (bytes.size() < 8 || std::memcmp(bytes.data(), kMagic, 8) != 0) {
        if (bytes.size() < 8 && std::memcmp(bytes.data(), kMagic, bytes.size()) == 0) {
            return fail("truncated at byte " + std::to_string(bytes.size()) + " while reading the header (" +
                        std::to_string(kHeaderSize) + " bytes)");
        }
        return fail("not a Corridor mesh cache file (bad magic)");
    }
    if (bytes.size() < kHeaderSize) {
        return fail("truncated at byte " + std::to_string(bytes.size()) + " while reading the header (" +
                    std::to_string(kHeaderSize) + " bytes)");
    }
    std::uint32_t version = 0, flags = 0;
    std::uint64_t payloadSize = 0, checksum = 0;
    std::memcpy(&version, bytes.data() + 8, 4);
    std::memcpy(&flags, bytes.data() + 12, 4);
    std::memcpy(&payloadSize, bytes.data() + 16, 8);
    std::memcpy(&checksum, bytes.data() + 24, 8);
    if (version != kMeshFormatVersion) {
        return fail("format version " + std::to_string(version) + ", expected " + std::to_string(kMeshFormatVersion));
    }
    if (flags != 0) {
        return fail("unknown flags " + std::to_string(flags) + " in the header");
    }
    const std::size_t available = bytes.size() - kHeaderSize;
    if (payloadSize > available) {
        return fail("truncated at byte " + std::to_string(bytes.size()) +
                    " while reading the payload (the header says " + std::to_string(payloadSize) + " bytes from byte " +
                    std::to_string(kHeaderSize) + ")");
    }
    if (payloadSize < available) {
        return fail(std::to_string(available - payloadSize) + " bytes after the payload's end at byte " +
                    std::to_string(kHeaderSize + payloadSize));
    }
    const std::string_view payload = bytes.substr(kHeaderSize);
    if (XXH3_64bits(payload.data(), payload.size()) != checksum) {
        return fail("checksum mismatch (the file was damaged or only partly written)");
    }
    Reader r(payload, kHeaderSize);
    LayerMesh mesh;
    readPayload(r, mesh);
    if (r.ok() && r.left() != 0) {
        r.fail(std::to_string(r.left()) + " bytes left unread at byte " + std::to_string(r.offset()));
    }
    if (!r.ok()) {
        return fail(r.problem());
    }
    return mesh;
}

// [SECTION] keys and file hashes
std::string styleFingerprint(const LayerStyle& style)
{
    std::string out;
    Writer w(out);
    writeSymbolizer(w, style.base);
    w.size(style.rules.size());
    for (const StyleRule& rule : style.rules) {
        w.size(rule.when.size());
        for (const Condition& c : rule.when) {
            w.string(c.field);
            w.size(c.anyOf.size());
            for (const std::string& v : c.anyOf) {
                w.string(v);
            }
        }
        writeSymbolizer(w, rule.patch);
        w.size(rule.sets.size());
        for (const std::string& s : rule.sets) {
            w.string(s);
        }
        w.value(rule.minZoom);
        w.value(rule.maxZoom);
    }
    w.value(style.honourSimplestyle);
    return out;
}

namespace {

struct Xxh3State {
    XXH3_state_t* state = XXH3_createState();
    Xxh3State()
    {
        if (state == nullptr) {
            throw std::bad_alloc();
        }
        XXH3_128bits_reset(state);
    }
    ~Xxh3State() { XXH3_freeState(state); }
    Xxh3State(const Xxh3State&) = delete;
    Xxh3State& operator=(const Xxh3State&) = delete;

    void update(const void* data, std::size_t n) { XXH3_128bits_update(state, data, n); }
    void number(std::uint64_t v) { update(&v, sizeof v); }
    void text(std::string_view s)
    {
        number(s.size());
        update(s.data(), s.size());
    }
    std::string digest() const { return hexOf(XXH3_128bits_digest(state)); }
};

// Adds `name`, then the file's size and bytes, to `hash`.
bool hashOneFile(Xxh3State& hash, const fs::path& file, const std::string& name, std::vector<char>& buffer,
                 std::string* problem)
{
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (problem != nullptr) {
            *problem = osError("cannot read", file);
        }
        return false;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        if (problem != nullptr) {
            *problem = osError("cannot read", file);
        }
        ::close(fd);
        return false;
    }
    hash.text(name);
    hash.number(static_cast<std::uint64_t>(st.st_size));
    std::uint64_t total = 0;
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            if (problem != nullptr) {
                *problem = osError("cannot read", file);
            }
            ::close(fd);
            return false;
        }
        if (n == 0) {
            break;
        }
        hash.update(buffer.data(), static_cast<std::size_t>(n));
        total += static_cast<std::uint64_t>(n);
    }
    ::close(fd);
    hash.number(total); // a file that grew or shrank while read differs from both its versions
    return true;
}

} // namespace

std::optional<std::string> hashFileContent(const fs::path& path, std::string* problem)
{
    try {
        std::error_code ec;
        const fs::file_status status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            if (problem != nullptr) {
                *problem = "cannot read " + path.string() + ": " + (ec ? ec.message() : "no such file");
            }
            return std::nullopt;
        }
        std::vector<std::pair<std::string, fs::path>> files; // name in the hash, path
        if (fs::is_directory(status)) {
            for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
                if (it->is_regular_file(ec)) {
                    files.emplace_back(fs::relative(it->path(), path, ec).generic_string(), it->path());
                }
            }
        } else {
            const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
            const std::string own = path.filename().string();
            const std::string prefix = path.stem().string() + ".";
            files.emplace_back(own, path);
            for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
                const std::string name = it->path().filename().string();
                if (name != own && name.starts_with(prefix) && it->is_regular_file(ec)) {
                    files.emplace_back(name, it->path());
                }
            }
        }
        if (ec) {
            if (problem != nullptr) {
                *problem = "cannot list the files of " + path.string() + ": " + ec.message();
            }
            return std::nullopt;
        }
        std::sort(files.begin(), files.end());
        Xxh3State hash;
        hash.text(fs::is_directory(status) ? "folder" : "file");
        std::vector<char> buffer(std::size_t{1} << 20);
        for (const auto& [name, file] : files) {
            if (!hashOneFile(hash, file, name, buffer, problem)) {
                return std::nullopt;
            }
        }
        return hash.digest();
    } catch (const std::exception& e) {
        if (problem != nullptr) {
            *problem = "cannot hash " + path.string() + ": " + e.what();
        }
        return std::nullopt;
    }
}

std::string meshCacheKey(const MeshKeyInputs& in)
{
    Xxh3State hash;
    hash.number(kMeshFormatVersion);
    hash.text(in.buildId);
    hash.text(in.fileHash);
    hash.text(in.layerName);
    hash.text(in.style);
    hash.text(in.viewCrs);
    const MeshOptions& o = in.options;
    hash.number(o.maxSegmentsPerChunk);
    hash.number(o.targetSegmentsPerChunk);
    hash.number(o.maxLevels);
    hash.number(std::bit_cast<std::uint64_t>(o.levelShrink));
    hash.number(std::bit_cast<std::uint64_t>(o.fieldDensity));
    hash.number(std::bit_cast<std::uint64_t>(o.startTolerance));
    hash.number(std::bit_cast<std::uint64_t>(o.imageUnitsPerPixel));
    hash.number(std::bit_cast<std::uint64_t>(o.imagePixelScale));
    hash.number(std::bit_cast<std::uint64_t>(o.imagePixelOrigin.x));
    hash.number(std::bit_cast<std::uint64_t>(o.imagePixelOrigin.y));
    for (const double edge : {o.reach.minX, o.reach.minY, o.reach.maxX, o.reach.maxY}) {
        hash.number(std::bit_cast<std::uint64_t>(edge));
    }
    if (!o.shown.empty()) { // only one image's meshes have it: the viewer's keys stay what they were
        for (const double edge : {o.shown.minX, o.shown.minY, o.shown.maxX, o.shown.maxY}) {
            hash.number(std::bit_cast<std::uint64_t>(edge));
        }
    }
    // The map's date, as spelled ("2018" and "2018-01-01" draw alike but are different dates to a reader). No date
    // hashes as nothing more, so the keys of layers whose style never asks "@as-of" stay what they were.
    if (o.context.asOf) {
        hash.text("as-of " + o.context.asOf->iso());
    }
    return hash.digest();
}

// [SECTION] MeshCache
namespace {

// Keys become file names: nothing that could leave the folder or hide the file.
bool validKey(const std::string& key)
{
    return !key.empty() && key.size() <= 128 && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
    });
}

void setProblem(std::string* problem, std::string text)
{
    if (problem != nullptr) {
        *problem = std::move(text);
    }
}

constexpr std::string_view kTempMarker = ".mesh.tmp-";

} // namespace

MeshCache::MeshCache(fs::path dir, std::uint64_t maxBytes) : m_dir(std::move(dir)), m_maxBytes(maxBytes) {}

fs::path MeshCache::defaultDir()
{
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && xdg[0] == '/') {
        return fs::path(xdg) / "corridor" / "meshes";
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') {
        return fs::path(home) / ".cache" / "corridor" / "meshes";
    }
    return {};
}

std::optional<LayerMesh> MeshCache::load(const std::string& key, std::string* problem) const
{
    setProblem(problem, "");
    try {
        if (!validKey(key)) {
            setProblem(problem, "mesh cache key '" + key + "' is not a file name");
            return std::nullopt;
        }
        const fs::path file = fileFor(key);
        const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            if (errno != ENOENT) {
                setProblem(problem, osError("cannot read the cached mesh", file));
            }
            return std::nullopt; // a miss
        }
        struct Closer {
            int fd;
            ~Closer() { ::close(fd); }
        } closer{fd};
        struct stat st {};
        if (::fstat(fd, &st) != 0) {
            setProblem(problem, osError("cannot read the cached mesh", file));
            return std::nullopt;
        }
        const auto size = static_cast<std::size_t>(st.st_size);
        if (static_cast<std::uint64_t>(st.st_size) > m_maxBytes) {
            // Never one of ours under this limit (store refuses such meshes): not worth reading into memory.
            ::unlink(file.c_str());
            setProblem(problem, "cached mesh " + file.string() + ": " + std::to_string(size) +
                                    " bytes, more than the cache's " + std::to_string(m_maxBytes) + "; removed");
            return std::nullopt;
        }
        // Not zero-filled: every byte is overwritten by read().
        const std::unique_ptr<char[]> buffer = std::make_unique_for_overwrite<char[]>(size);
        std::size_t done = 0;
        while (done < size) {
            const ssize_t n = ::read(fd, buffer.get() + done, size - done);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0) {
                setProblem(problem, osError("cannot read the cached mesh", file));
                return std::nullopt;
            }
            if (n == 0) {
                break; // shorter than fstat said: deserializeMesh reports the truncation
            }
            done += static_cast<std::size_t>(n);
        }
        std::string why;
        std::optional<LayerMesh> mesh = deserializeMesh(std::string_view(buffer.get(), done), &why);
        if (!mesh) {
            // Delete it unless another process has just renamed a fresh file over it.
            struct stat now {};
            if (::stat(file.c_str(), &now) == 0 && now.st_ino == st.st_ino && now.st_dev == st.st_dev) {
                ::unlink(file.c_str());
            }
            setProblem(problem, "cached mesh " + file.string() + ": " + why + "; removed");
            return std::nullopt;
        }
        ::futimens(fd, nullptr); // used now: the last to be evicted (a read-only folder just keeps its order)
        return mesh;
    } catch (const std::exception& e) {
        setProblem(problem, "cannot load the cached mesh " + key + ": " + e.what());
        return std::nullopt;
    }
}

bool MeshCache::store(const std::string& key, const LayerMesh& mesh, std::string* problem) const
{
    try {
        return storeSerialized(key, serializeMesh(mesh), problem);
    } catch (const std::exception& e) {
        setProblem(problem, std::string("cannot cache a mesh: ") + e.what());
        return false;
    }
}

bool MeshCache::storeSerialized(const std::string& key, const std::string& bytes, std::string* problem) const
{
    setProblem(problem, "");
    try {
        if (!validKey(key)) {
            setProblem(problem, "mesh cache key '" + key + "' is not a file name");
            return false;
        }
        if (bytes.size() > m_maxBytes) {
            setProblem(problem, "the mesh takes " + std::to_string(bytes.size()) + " bytes, more than the cache's " +
                                    std::to_string(m_maxBytes) + "; not cached");
            return false;
        }
        std::error_code ec;
        fs::create_directories(m_dir, ec);
        if (ec) {
            setProblem(problem, "cannot create the mesh cache folder " + m_dir.string() + ": " + ec.message());
            return false;
        }
        const fs::path file = fileFor(key);
        std::string temp = (m_dir / ("." + key + std::string(kTempMarker) + "XXXXXX")).string();
        const int fd = ::mkstemp(temp.data());
        if (fd < 0) {
            setProblem(problem, osError("cannot create a temporary file in", m_dir));
            return false;
        }
        const auto fail = [&](const std::string& what, bool open) {
            setProblem(problem, osError(what, file));
            if (open) {
                ::close(fd);
            }
            ::unlink(temp.c_str());
            return false;
        };
        for (std::size_t done = 0; done < bytes.size();) {
            const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0) {
                return fail("cannot write the cached mesh", true);
            }
            done += static_cast<std::size_t>(n);
        }
        if (::fchmod(fd, 0644) != 0) {
            return fail("cannot write the cached mesh", true);
        }
        if (::close(fd) != 0) {
            return fail("cannot write the cached mesh", false);
        }
        if (std::rename(temp.c_str(), file.c_str()) != 0) {
            return fail("cannot rename the cached mesh into place as", false);
        }
        evict();
        return true;
    } catch (const std::exception& e) {
        setProblem(problem, "cannot store the cached mesh " + key + ": " + e.what());
        return false;
    }
}

namespace {

struct Entry {
    fs::file_time_type time;
    std::uint64_t size = 0;
    fs::path path;
};

// The folder's .mesh files. Files that vanish while listed are left out.
std::vector<Entry> listEntries(const fs::path& dir, bool removeStaleTemps)
{
    std::vector<Entry> entries;
    std::error_code ec;
    const auto staleBefore = fs::file_time_type::clock::now() - std::chrono::hours(1);
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code entryError;
        const std::string name = it->path().filename().string();
        if (!it->is_regular_file(entryError)) {
            continue;
        }
        const fs::file_time_type time = it->last_write_time(entryError);
        if (entryError) {
            continue;
        }
        if (name.find(kTempMarker) != std::string::npos) {
            if (removeStaleTemps && time < staleBefore) {
                fs::remove(it->path(), entryError); // left by a writer that crashed
            }
            continue;
        }
        if (!name.ends_with(".mesh") || name.starts_with(".")) {
            continue;
        }
        const std::uintmax_t size = it->file_size(entryError);
        if (!entryError) {
            entries.push_back({time, static_cast<std::uint64_t>(size), it->path()});
        }
    }
    return entries;
}

} // namespace

void MeshCache::evict() const
{
    try {
        std::vector<Entry> entries = listEntries(m_dir, true);
        std::uint64_t total = 0;
        for (const Entry& e : entries) {
            total += e.size;
        }
        if (total <= m_maxBytes) {
            return;
        }
        std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
            return a.time != b.time ? a.time < b.time : a.path < b.path;
        });
        for (const Entry& e : entries) {
            if (total <= m_maxBytes) {
                break;
            }
            std::error_code ec;
            fs::remove(e.path, ec); // gone already (another process evicted it): its bytes are gone as well
            total -= e.size;
        }
    } catch (const std::exception&) {
        // Eviction is best effort: the next store tries again.
    }
}

std::uint64_t MeshCache::totalBytes() const
{
    try {
        std::uint64_t total = 0;
        for (const Entry& e : listEntries(m_dir, false)) {
            total += e.size;
        }
        return total;
    } catch (const std::exception&) {
        return 0;
    }
}

} // namespace corridor::platform
