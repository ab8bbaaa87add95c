# gmt coast -M -W output (segments separated by ">" lines, "lon lat" rows) as GeoJSON text sequences: one
# LineString feature per line of output, segments of one point left out. Used by the benchmark scripts.
function flush() {
    if (n > 1) print "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[" line "]}}"
    line = ""; n = 0
}
/^>/ { flush(); next }
{ line = (n ? line "," : "") "[" $1 "," $2 "]"; n++ }
END { flush() }
