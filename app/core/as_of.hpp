#pragma once
// The map as of a date (issue 14, the date slider): calendar dates as the data spells them, the state a feature
// was in on a chosen date, and the dated events of a document for a timeline's ticks.
//
// Dates come from the attributes `agreed`, `planned`, `opened`, `closed`, `damaged` and `event` (geodata/README.md,
// "Dates as data"): ISO 8601 calendar dates, full (2018-05-14) or partial (2018-05, 1992). **A partial date means
// its first day**: "2018" is reached on 2018-01-01 and "2018-05" on 2018-05-01, and a chosen date given as "2015"
// is 1 January 2015. So a feature opened in "2019" counts as open on the map of 2019-06-01 and not on that of
// 2018-12-31, whatever the month it really opened in.
//
// The state on a date D (a date on or before D is "reached"):
//   - no date at all: Undated (drawn as today; `status_as_of` alone does not date a feature);
//   - no date reached yet: NotYet (a feature appears at its earliest date, whichever field holds it);
//   - else, in this order: the later of a reached `closed`/`damaged` (damaged on a tie) when no reached `opened`
//     is later still (a line reopened after a closure is operating again): Closed or Damaged; a reached `opened`:
//     Operating; a reached `agreed` or `planned`: Planned; only an `event` reached: Operating (it was there, and
//     nothing says it was out of service).
// Values that are not dates are ignored (layerDateProblems names them).
//
// Thread: pure functions.

#include "core/geometry.hpp"

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::core {

struct MapDocument;

// A calendar date (proleptic Gregorian, years 1..9999), full or partial.
class Date {
public:
    enum class Precision : std::uint8_t { Year, Month, Day };

    Date() = default; // 1970-01-01
    // A full date from days since 1970-01-01.
    static Date fromDays(std::int32_t days);
    // A full date; std::nullopt when it does not exist (2023-02-29).
    static std::optional<Date> ymd(int year, int month, int day);

    int year() const { return m_year; }
    int month() const { return m_month; }  // 1..12; 1 for a year alone
    int day() const { return m_day; }      // 1..31; 1 for a year or a month alone
    Precision precision() const { return m_precision; }
    // Its first day, in days since 1970-01-01: what comparisons and "reached" use.
    std::int32_t days() const { return m_days; }
    // As spelled: "2018", "2018-05" or "2018-05-14".
    std::string iso() const;
    // "2018", "May 2018" or "14 May 2018".
    std::string readable() const;

    // By first day, then the coarser first ("2018" < "2018-01" < "2018-01-01"): a total order, equal only when
    // spelled alike.
    friend std::strong_ordering operator<=>(const Date& a, const Date& b)
    {
        if (auto c = a.m_days <=> b.m_days; c != 0) {
            return c;
        }
        return a.m_precision <=> b.m_precision;
    }
    friend bool operator==(const Date& a, const Date& b) = default;

private:
    friend std::optional<Date> parseDate(std::string_view text, std::string* problem);

    std::int32_t m_days = 0;
    std::int16_t m_year = 1970;
    std::int8_t m_month = 1, m_day = 1;
    Precision m_precision = Precision::Day;
};

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" (four-digit year 0001..9999, the month and day in range for that year and
// month). std::nullopt for anything else, with the reason in `problem` when given: "'2023-02-29' is not a date:
// 2023 has no 29 February", "'15/03/2019' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD".
std::optional<Date> parseDate(std::string_view text, std::string* problem = nullptr);
// The calendar date of a time in seconds since 1970-01-01 UTC (today, or SOURCE_DATE_EPOCH in tests).
Date dateOfTime(std::int64_t secondsSinceEpoch);

// The date fields a feature's state is read from, in the order the data lists them.
enum class DateField : std::uint8_t { Agreed, Planned, Opened, Closed, Damaged, Event };
inline constexpr std::size_t kDateFieldCount = 6;
const char* dateFieldName(DateField field); // the attribute: "agreed", "planned", … "event"
// The attribute that says how recent a feature's status is; dates the timeline's end, never a state.
inline constexpr std::string_view kStatusAsOfField = "status_as_of";

enum class FeatureState : std::uint8_t { Undated, NotYet, Planned, Operating, Damaged, Closed };
// The value the style pseudo-field "@as-of" takes: "undated", "not-yet", "planned", "operating", "damaged",
// "closed".
const char* featureStateName(FeatureState state);
std::optional<FeatureState> parseFeatureState(std::string_view name);
inline constexpr std::array<FeatureState, 6> kFeatureStates{FeatureState::Undated,   FeatureState::NotYet,
                                                            FeatureState::Planned,   FeatureState::Operating,
                                                            FeatureState::Damaged,   FeatureState::Closed};

// A feature's dates: each field's value when it is a date (else unset).
struct FeatureDates {
    std::array<std::optional<Date>, kDateFieldCount> at;
    const std::optional<Date>& operator[](DateField f) const { return at[static_cast<std::size_t>(f)]; }
};

// Where a layer keeps its date fields: their positions, looked up once (many features, one layer).
class LayerDateFields {
public:
    explicit LayerDateFields(const Layer& layer);
    bool any() const { return m_any; } // the layer has at least one of the six fields
    FeatureDates datesOf(const Feature& feature) const;
    std::optional<Date> statusAsOf(const Feature& feature) const;

private:
    const Layer* m_layer;
    std::array<int, kDateFieldCount> m_index{};
    int m_statusAsOf = -1;
    bool m_any = false;
};

FeatureState stateAsOf(const FeatureDates& dates, Date asOf);
FeatureState stateAsOf(const Layer& layer, const Feature& feature, Date asOf);

// One dated event of a document: a date field of one feature.
struct DatedEvent {
    Date date;
    DateField what = DateField::Event;
    std::size_t layer = 0;     // index into MapDocument::layers
    std::uint32_t feature = 0; // index into the layer's features
    std::string name;          // the feature's label, else its name, else its id, else "feature N"
};
// "2019-03-06  Qazvin–Rasht: opened" (the date as the data spells it).
std::string describeEvent(const DatedEvent& event);

// The dates of a document, for a timeline.
struct Timeline {
    std::vector<DatedEvent> events; // by date, then layer, then feature
    // The first and last date of any date field or `status_as_of` of any layer; unset when no layer has one.
    std::optional<Date> first, last;
};
Timeline buildTimeline(const MapDocument& document);

// The date-field values of a layer that are not dates, one message each naming the file, layer, feature and
// value: "geodata/railways.geojson: layer railways, feature 3 (Qazvin–Rasht): opened = 'spring 2019' is not a
// date: write YYYY, YYYY-MM or YYYY-MM-DD; the map's date ignores it".
std::vector<std::string> layerDateProblems(const Layer& layer);

} // namespace corridor::core
