#include "core/as_of.hpp"

#include "core/errors.hpp"
#include "core/map_document.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace corridor::core {

namespace {

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

constexpr std::array<const char*, 12> kMonthNames{"January", "February", "March",     "April",   "May",
                                                  "June",    "July",     "August",    "September", "October",
                                                  "November", "December"};

bool leapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m)
{
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leapYear(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int32_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct Civil {
    int y, m, d;
};

Civil civilFromDays(std::int32_t z)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp < 10 ? mp + 3 : mp - 9;
    return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

// A run of exactly `n` ASCII digits at `at`, as a number; -1 otherwise.
int digits(std::string_view s, std::size_t at, std::size_t n)
{
    if (at + n > s.size()) {
        return -1;
    }
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

// Echoes a value in a message: short, and no control characters.
std::string quoted(std::string_view text)
{
    std::string out;
    for (const char c : text.substr(0, 40)) {
        out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
    }
    return "'" + out + (text.size() > 40 ? "…" : "") + "'";
}

const AttrValue* valueAt(const Feature& f, int index)
{
    return index >= 0 && static_cast<std::size_t>(index) < f.values.size() ? &f.values[static_cast<std::size_t>(index)]
                                                                            : nullptr;
}

// An attribute as a date: text in one of the three spellings (a date-time's date part too: GDAL gives DateTime
// fields as "2022-09-26T02:03:00Z"), or a whole number as a year. Null, empty or missing: no date and no problem.
std::optional<Date> attributeDate(const AttrValue* v, std::string* problem)
{
    if (v == nullptr || std::holds_alternative<std::monostate>(*v)) {
        return std::nullopt;
    }
    std::string text = formatValue(*v);
    if (text.empty()) {
        return std::nullopt;
    }
    if (std::holds_alternative<bool>(*v)) {
        if (problem != nullptr) {
            *problem = quoted(text) + " is not a date: write YYYY, YYYY-MM or YYYY-MM-DD";
        }
        return std::nullopt;
    }
    if (text.size() > 10 && text[10] == 'T') {
        text.resize(10);
    }
    return parseDate(text, problem);
}

std::string featureLabel(const Layer& layer, const Feature& f, std::uint32_t index)
{
    for (const char* field : {"label", "name", "id"}) {
        if (const AttrValue* v = layer.value(f, field)) {
            if (std::string text = formatValue(*v); !text.empty()) {
                return text;
            }
        }
    }
    if (std::string name = featureName(layer, f); !name.empty()) {
        return name;
    }
    return "feature " + std::to_string(f.id >= 0 ? f.id : static_cast<std::int64_t>(index));
}

} // namespace

Date Date::fromDays(std::int32_t days)
{
    days = std::clamp(days, daysFromCivil(kMinYear, 1, 1), daysFromCivil(kMaxYear, 12, 31));
    const Civil c = civilFromDays(days);
    Date d;
    d.m_days = days;
    d.m_year = static_cast<std::int16_t>(c.y);
    d.m_month = static_cast<std::int8_t>(c.m);
    d.m_day = static_cast<std::int8_t>(c.d);
    d.m_precision = Precision::Day;
    return d;
}

std::optional<Date> Date::ymd(int year, int month, int day)
{
    if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        return std::nullopt;
    }
    return fromDays(daysFromCivil(year, month, day));
}

std::string Date::iso() const
{
    char buf[24];
    switch (m_precision) {
    case Precision::Year: std::snprintf(buf, sizeof buf, "%04d", m_year); break;
    case Precision::Month: std::snprintf(buf, sizeof buf, "%04d-%02d", m_year, m_month); break;
    case Precision::Day: std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", m_year, m_month, m_day); break;
    }
    return buf;
}

std::string Date::readable() const
{
    const std::string month = kMonthNames[static_cast<std::size_t>(m_month - 1)];
    switch (m_precision) {
    case Precision::Year: return std::to_string(m_year);
    case Precision::Month: return month + " " + std::to_string(m_year);
    case Precision::Day: break;
    }
    return std::to_string(m_day) + " " + month + " " + std::to_string(m_year);
}

std::optional<Date> parseDate(std::string_view text, std::string* problem)
{
    const auto fail = [&](const std::string& why) -> std::optional<Date> {
        if (problem != nullptr) {
            *problem = quoted(text) + " is not a date: " + why;
        }
        return std::nullopt;
    };
    constexpr const char* kSpellings = "write YYYY, YYYY-MM or YYYY-MM-DD";
    const bool shaped = (text.size() == 4 || text.size() == 7 || text.size() == 10) && digits(text, 0, 4) >= 0 &&
                        (text.size() < 7 || (text[4] == '-' && digits(text, 5, 2) >= 0)) &&
                        (text.size() < 10 || (text[7] == '-' && digits(text, 8, 2) >= 0));
    if (!shaped) {
        return fail(kSpellings);
    }
    const int year = digits(text, 0, 4);
    const int month = text.size() >= 7 ? digits(text, 5, 2) : 1;
    const int day = text.size() >= 10 ? digits(text, 8, 2) : 1;
    if (year < kMinYear) {
        return fail("the year must be 0001 to 9999");
    }
    if (month < 1 || month > 12) {
        return fail("month " + std::to_string(month) + " is outside 01 to 12");
    }
    if (day < 1 || day > daysInMonth(year, month)) {
        return fail(std::to_string(year) + " has no " + std::to_string(day) + " " +
                    kMonthNames[static_cast<std::size_t>(month - 1)]);
    }
    Date d = *Date::ymd(year, month, day);
    d.m_precision = text.size() == 4 ? Date::Precision::Year : text.size() == 7 ? Date::Precision::Month
                                                                                 : Date::Precision::Day;
    return d;
}

Date dateOfTime(std::int64_t seconds)
{
    const std::int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    return Date::fromDays(static_cast<std::int32_t>(std::clamp<std::int64_t>(days, -1000000, 3000000)));
}

const char* dateFieldName(DateField field)
{
    switch (field) {
    case DateField::Agreed: return "agreed";
    case DateField::Planned: return "planned";
    case DateField::Opened: return "opened";
    case DateField::Closed: return "closed";
    case DateField::Damaged: return "damaged";
    case DateField::Event: return "event";
    }
    return "event";
}

const char* featureStateName(FeatureState state)
{
    switch (state) {
    case FeatureState::Undated: return "undated";
    case FeatureState::NotYet: return "not-yet";
    case FeatureState::Planned: return "planned";
    case FeatureState::Operating: return "operating";
    case FeatureState::Damaged: return "damaged";
    case FeatureState::Closed: return "closed";
    }
    return "undated";
}

std::optional<FeatureState> parseFeatureState(std::string_view name)
{
    for (const FeatureState s : kFeatureStates) {
        if (name == featureStateName(s)) {
            return s;
        }
    }
    return std::nullopt;
}

LayerDateFields::LayerDateFields(const Layer& layer) : m_layer(&layer)
{
    for (std::size_t i = 0; i < kDateFieldCount; ++i) {
        m_index[i] = layer.fieldIndex(dateFieldName(static_cast<DateField>(i)));
        m_any = m_any || m_index[i] >= 0;
    }
    m_statusAsOf = layer.fieldIndex(std::string(kStatusAsOfField));
}

FeatureDates LayerDateFields::datesOf(const Feature& feature) const
{
    FeatureDates out;
    for (std::size_t i = 0; i < kDateFieldCount; ++i) {
        out.at[i] = attributeDate(valueAt(feature, m_index[i]), nullptr);
    }
    return out;
}

std::optional<Date> LayerDateFields::statusAsOf(const Feature& feature) const
{
    return attributeDate(valueAt(feature, m_statusAsOf), nullptr);
}

FeatureState stateAsOf(const FeatureDates& dates, Date asOf)
{
    const auto reached = [&](DateField f) -> std::optional<Date> {
        const std::optional<Date>& d = dates[f];
        return d && d->days() <= asOf.days() ? d : std::nullopt;
    };
    bool dated = false, anyReached = false;
    for (const std::optional<Date>& d : dates.at) {
        dated = dated || d.has_value();
        anyReached = anyReached || (d && d->days() <= asOf.days());
    }
    if (!dated) {
        return FeatureState::Undated;
    }
    if (!anyReached) {
        return FeatureState::NotYet;
    }
    const std::optional<Date> opened = reached(DateField::Opened);
    const std::optional<Date> closed = reached(DateField::Closed);
    const std::optional<Date> damaged = reached(DateField::Damaged);
    if (closed || damaged) {
        const bool byDamage = damaged && (!closed || damaged->days() >= closed->days());
        const Date end = byDamage ? *damaged : *closed;
        if (!opened || opened->days() <= end.days()) {
            return byDamage ? FeatureState::Damaged : FeatureState::Closed;
        }
    }
    if (opened) {
        return FeatureState::Operating;
    }
    if (reached(DateField::Agreed) || reached(DateField::Planned)) {
        return FeatureState::Planned;
    }
    return FeatureState::Operating; // only an event reached: it was there
}

FeatureState stateAsOf(const Layer& layer, const Feature& feature, Date asOf)
{
    return stateAsOf(LayerDateFields(layer).datesOf(feature), asOf);
}

std::string describeEvent(const DatedEvent& event)
{
    return event.date.iso() + "  " + event.name + ": " + dateFieldName(event.what);
}

Timeline buildTimeline(const MapDocument& document)
{
    Timeline out;
    const auto widen = [&](const Date& d) {
        out.first = out.first ? std::min(*out.first, d) : d;
        out.last = out.last ? std::max(*out.last, d) : d;
    };
    for (std::size_t li = 0; li < document.layers.size(); ++li) {
        const Layer& layer = document.layers[li].data;
        const LayerDateFields fields(layer);
        if (!fields.any()) {
            continue;
        }
        for (std::uint32_t fi = 0; fi < layer.features.size(); ++fi) {
            const Feature& f = layer.features[fi];
            const FeatureDates dates = fields.datesOf(f);
            std::string name;
            for (std::size_t k = 0; k < kDateFieldCount; ++k) {
                if (!dates.at[k]) {
                    continue;
                }
                if (name.empty()) {
                    name = featureLabel(layer, f, fi);
                }
                out.events.push_back({*dates.at[k], static_cast<DateField>(k), li, fi, name});
                widen(*dates.at[k]);
            }
            if (const std::optional<Date> status = fields.statusAsOf(f)) {
                widen(*status);
            }
        }
    }
    std::stable_sort(out.events.begin(), out.events.end(),
                     [](const DatedEvent& a, const DatedEvent& b) { return a.date.days() < b.date.days(); });
    return out;
}

std::vector<std::string> layerDateProblems(const Layer& layer)
{
    std::vector<std::string> out;
    std::array<int, kDateFieldCount + 1> index{};
    for (std::size_t i = 0; i < kDateFieldCount; ++i) {
        index[i] = layer.fieldIndex(dateFieldName(static_cast<DateField>(i)));
    }
    index[kDateFieldCount] = layer.fieldIndex(std::string(kStatusAsOfField));
    for (std::uint32_t fi = 0; fi < layer.features.size(); ++fi) {
        const Feature& f = layer.features[fi];
        for (std::size_t i = 0; i < index.size(); ++i) {
            std::string problem;
            if (attributeDate(valueAt(f, index[i]), &problem) || problem.empty()) {
                continue;
            }
            const std::string field = i < kDateFieldCount ? dateFieldName(static_cast<DateField>(i))
                                                          : std::string(kStatusAsOfField);
            const std::string name = featureName(layer, f);
            out.push_back(formatLocation(layer.sourcePath, layer.name, f.id >= 0 ? f.id : fi) +
                          (name.empty() ? "" : " (" + name + ")") + ": " + field + " = " + problem +
                          "; the map's date ignores it");
        }
    }
    return out;
}

} // namespace corridor::core
