#pragma once
// Whether GDAL and PROJ may reach the network, for the whole process. Checking the path on the command line is
// not enough: a local file can point GDAL at the network (a GeoJSON `crs` link, a VRT whose sources are URLs or
// WFS connections, a WFS service description, a GML schema, geocoding in a VRT's SQL, /vsicurl/ inside anything).
// So the switch sits where every connection starts: GDAL's HTTP fetch, its network file systems (/vsicurl/,
// /vsis3/…), the drivers that talk to servers or databases, and PROJ's grid downloads.

#include <optional>
#include <string>

namespace corridor::geo {

// Sets the policy for the process: registers GDAL's drivers (once) and, unless `allow`, makes every network
// access GDAL could start fail at once, recorded (see refusedNetworkAccess) and reported as a GDAL error. PROJ's
// grid downloads stay off either way. Call it from the main thread before any file is opened (main does, after
// parsing the command line); until it is called, the network is off. Calling it again switches the policy (the
// tests do), but not while another thread uses GDAL.
void configureNetwork(bool allow);

// The policy configureNetwork set last (false before the first call).
bool networkAllowed();

// The first network access refused on this thread since clearRefusedNetworkAccess(): a URL, or a connection
// such as "WFS:http://…" or "PG:dbname=…".
std::optional<std::string> refusedNetworkAccess();
void clearRefusedNetworkAccess();
// Notes a refusal made elsewhere (GDAL's own "ALLOW_NETWORK_ACCESS=NO"), unless one is already noted.
void recordRefusedNetworkAccess(const std::string& what);

// Throws core::LoadError for `file` (and `layer`, if not empty) naming the refused access, if there was one on
// this thread since clearRefusedNetworkAccess().
void throwIfNetworkRefused(const std::string& file, const std::string& layer = {});

} // namespace corridor::geo
