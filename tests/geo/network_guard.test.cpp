// With the network off, no file can make GDAL or PROJ open a connection: each hostile fixture in
// tests/data/bad/net_* points at a listener on 127.0.0.1 that records every connection. With --allow-network, a
// /vsicurl/ URL the listener serves opens.

#include "core/errors.hpp"
#include "geo/inspect.hpp"
#include "geo/loader.hpp"
#include "geo/network.hpp"

#include <cpl_http.h>
#include <cpl_vsi.h>
#include "run_command.hpp"

#include <doctest/doctest.h>
#include <ogr_srs_api.h>
#include <proj.h>

#include <arpa/inet.h>
#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <sstream>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using corridor::core::LoadError;
namespace fs = std::filesystem;

namespace {

using Files = std::map<std::string, std::string>;

// A minimal HTTP/1.1 server on 127.0.0.1 and an ephemeral port: records each request line, serves `files`
// (path → body; GET, HEAD and single byte ranges, which /vsicurl/ asks for) and answers 404 to the rest.
class LocalServer {
public:
    explicit LocalServer(Files files = {})
        : m_files(std::move(files))
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(m_socket >= 0);
        sockaddr_in addr {};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        REQUIRE(::bind(m_socket, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        REQUIRE(::listen(m_socket, 16) == 0);
        socklen_t len = sizeof addr;
        REQUIRE(::getsockname(m_socket, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
        m_port = ntohs(addr.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~LocalServer()
    {
        m_stop = true;
        m_thread.join();
        ::close(m_socket);
    }
    LocalServer(const LocalServer&) = delete;
    LocalServer& operator=(const LocalServer&) = delete;

    int port() const { return m_port; }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(m_port) + path; }
    std::size_t connections() const { return m_connections; }
    std::string requests() const
    {
        const std::lock_guard lock(m_mutex);
        std::string text;
        for (const std::string& r : m_requests) {
            text += r + "\n";
        }
        return text;
    }

private:
    void serve()
    {
        while (!m_stop) {
            pollfd p {m_socket, POLLIN, 0};
            if (::poll(&p, 1, 20) <= 0) {
                continue;
            }
            const int client = ::accept(m_socket, nullptr, nullptr);
            if (client < 0) {
                continue;
            }
            ++m_connections;
            answer(client, readRequest(client));
            ::close(client);
        }
    }

    static std::string readRequest(int client)
    {
        std::string request;
        std::array<char, 4096> buf {};
        while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
            pollfd p {client, POLLIN, 0};
            if (::poll(&p, 1, 2000) <= 0) {
                break;
            }
            const ssize_t n = ::recv(client, buf.data(), buf.size(), 0);
            if (n <= 0) {
                break;
            }
            request.append(buf.data(), static_cast<std::size_t>(n));
        }
        return request;
    }

    void answer(int client, const std::string& request)
    {
        const std::string line = request.substr(0, request.find("\r\n"));
        {
            const std::lock_guard lock(m_mutex);
            m_requests.push_back(line);
        }
        std::istringstream words(line);
        std::string method;
        std::string target;
        words >> method >> target;
        std::string response;
        const auto file = m_files.find(target);
        if (file == m_files.end()) {
            response = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        } else {
            const std::string& body = file->second;
            std::size_t first = 0;
            std::size_t last = body.size() - 1;
            std::string status = "200 OK";
            std::string extra;
            const std::size_t range = request.find("Range: bytes=");
            if (range != std::string::npos) {
                unsigned long a = 0;
                unsigned long b = 0;
                if (std::sscanf(request.c_str() + range, "Range: bytes=%lu-%lu", &a, &b) == 2 && a < body.size()) {
                    first = a;
                    last = std::min<std::size_t>(b, body.size() - 1);
                    status = "206 Partial Content";
                    extra = "Content-Range: bytes " + std::to_string(first) + "-" + std::to_string(last) + "/"
                        + std::to_string(body.size()) + "\r\n";
                }
            }
            const std::string part = body.substr(first, last - first + 1);
            response = "HTTP/1.1 " + status + "\r\nContent-Type: application/geo+json\r\nAccept-Ranges: bytes\r\n"
                + extra + "Content-Length: " + std::to_string(part.size()) + "\r\nConnection: close\r\n\r\n";
            if (method != "HEAD") {
                response += part;
            }
        }
        std::size_t sent = 0;
        while (sent < response.size()) {
            const ssize_t n = ::send(client, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) {
                break;
            }
            sent += static_cast<std::size_t>(n);
        }
    }

    Files m_files;
    int m_socket = -1;
    int m_port = 0;
    std::atomic<bool> m_stop {false};
    std::atomic<std::size_t> m_connections {0};
    mutable std::mutex m_mutex;
    std::vector<std::string> m_requests;
    std::thread m_thread;
};

// Sets the process's network policy for one test, and puts it back to off (the default) afterwards.
struct NetworkPolicy {
    explicit NetworkPolicy(bool allow) { corridor::geo::configureNetwork(allow); }
    ~NetworkPolicy() { corridor::geo::configureNetwork(false); }
    NetworkPolicy(const NetworkPolicy&) = delete;
    NetworkPolicy& operator=(const NetworkPolicy&) = delete;
};

// A fresh, empty folder under the test output folder.
fs::path workDir(const std::string& name)
{
    const fs::path dir = fs::path(CORRIDOR_TEST_OUTPUT) / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

// Copies tests/data/bad/<name> into `dir` with @PORT@ and @DIR@ filled in; returns the copy's path.
std::string writeFixture(const std::string& name, const fs::path& dir, int port)
{
    std::ifstream in(std::string(CORRIDOR_TEST_DATA) + "/bad/" + name, std::ios::binary);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    for (const auto& [key, value] : {std::pair<std::string, std::string> {"@PORT@", std::to_string(port)},
             std::pair<std::string, std::string> {"@DIR@", dir.string()}}) {
        for (std::size_t at = s.find(key); at != std::string::npos; at = s.find(key, at + value.size())) {
            s.replace(at, key.size(), value);
        }
    }
    const fs::path out = dir / name;
    std::ofstream(out, std::ios::binary) << s;
    return out.string();
}

// Files in `dir` other than the ones the test put there.
std::vector<std::string> filesAddedTo(const fs::path& dir, const std::vector<std::string>& known)
{
    std::vector<std::string> added;
    for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        bool isKnown = false;
        for (const std::string& k : known) {
            isKnown = isKnown || fs::path(k).filename() == name;
        }
        if (!isKnown) {
            added.push_back(name);
        }
    }
    return added;
}

// Every hostile fixture, each opened on its own: all name the network address they reach for.
const std::vector<std::string> kHostile = {
    "net_crs_link.geojson", // GeoJSON crs of type link: GDAL fetches the WKT
    "net_crs_url.geojson", // GeoJSON crs whose name is a URL
    "net_vsicurl.vrt", // VRT with a /vsicurl/ source
    "net_http_source.vrt", // VRT with an http:// source (the HTTP driver)
    "net_wfs_source.vrt", // VRT with a WFS: connection as its source
    "net_pg_source.vrt", // VRT with a PostgreSQL connection (libpq, its own socket) as its source
    "net_union.vrt", // union VRT of remote layers
    "net_wfs.xml", // WFS service description
    "net_geocode.vrt", // VRT whose SQL geocodes each row (and would write a cache file)
};

using corridor::test::Run;

Run runCorridor(const std::string& args)
{
    REQUIRE_MESSAGE(fs::exists(CORRIDOR_BINARY), "build the corridor target first");
    return corridor::test::runShell(std::string(CORRIDOR_BINARY) + " " + args);
}

const char* kTinyGeoJson = R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"name": "Astara"}, "geometry": {"type": "Point", "coordinates": [48.87, 38.43]}}
]})";

} // namespace

TEST_CASE("with the network off, files that point at the network load nothing from it and say why")
{
    const NetworkPolicy off(false);
    const LocalServer server;
    const fs::path dir = workDir("net_loader");
    std::vector<std::string> written {writeFixture("net_geocode_places.csv", dir, server.port())};
    for (const std::string& name : kHostile) {
        CAPTURE(name);
        const std::string path = writeFixture(name, dir, server.port());
        written.push_back(path);
        // One error naming the file, the address it reaches for and the way to allow it.
        CHECK_THROWS_WITH_AS(corridor::geo::loadSource(path), doctest::Contains("--allow-network"), LoadError);
        try {
            corridor::geo::loadSource(path);
        } catch (const LoadError& e) {
            CHECK(e.file() == path);
            CHECK(std::string(e.what()).find("127.0.0.1") != std::string::npos);
            CHECK(std::string(e.what()).find(std::to_string(server.port())) != std::string::npos);
        }
        CHECK_THROWS_WITH_AS(corridor::geo::inspectSource(path), doctest::Contains("--allow-network"), LoadError);
    }
    INFO("requests: " << server.requests());
    CHECK(server.connections() == 0);
    // The geocoding VRT names a cache file beside itself; nothing may be written.
    CHECK(filesAddedTo(dir, written).empty());
}

TEST_CASE("with the network off, a GML whose schema is a WFS URL loads from the file alone")
{
    const NetworkPolicy off(false);
    const LocalServer server;
    const fs::path dir = workDir("net_gml");
    const std::string path = writeFixture("net_schema.gml", dir, server.port());
    const corridor::geo::LoadedSource src = corridor::geo::loadSource(path);
    REQUIRE(src.layers.size() == 1);
    CHECK(src.layers[0].features.size() == 1);
    INFO("requests: " << server.requests());
    CHECK(server.connections() == 0);
    // …and says so: its fields are GDAL's guess, not the schema's.
    REQUIRE(!src.layers[0].issues.empty());
    CHECK(src.layers[0].issues[0].featureId == -1);
    CHECK(src.layers[0].issues[0].message.find("was not fetched (network off") != std::string::npos);
    CHECK(src.layers[0].issues[0].message.find("http://127.0.0.1:") != std::string::npos);
}

TEST_CASE("with the network off, GDAL's network file systems, HTTP and PROJ's downloads are all closed")
{
    const NetworkPolicy off(false);
    const LocalServer server(Files {{"/x.geojson", kTinyGeoJson}});
    const std::string url = server.url("/x.geojson");
    for (const std::string prefix : {"/vsicurl/", "/vsicurl_streaming/", "/vsicurl?url="}) {
        CAPTURE(prefix);
        VSIStatBufL stat {};
        CHECK(VSIStatL((prefix + url).c_str(), &stat) != 0);
        VSILFILE* f = VSIFOpenL((prefix + url).c_str(), "rb");
        CHECK(f == nullptr);
        if (f != nullptr) {
            VSIFCloseL(f);
        }
        corridor::geo::clearRefusedNetworkAccess();
    }
    // A file system that is not HTTP is closed too (it would reach its cloud, not our listener).
    for (const std::string path : {"/vsis3/bucket/x.geojson", "/vsigs/bucket/x.geojson", "/vsiaz/c/x.geojson",
             "/vsiadls/c/x.geojson", "/vsioss/b/x.geojson", "/vsiswift/c/x.geojson", "/vsiwebhdfs/http://127.0.0.1:1/x",
             "/vsizip//vsicurl/http://127.0.0.1:1/a.zip"}) {
        CAPTURE(path);
        VSIStatBufL stat {};
        CHECK(VSIStatL(path.c_str(), &stat) != 0);
        corridor::geo::clearRefusedNetworkAccess();
    }
    corridor::geo::clearRefusedNetworkAccess();
    CPLHTTPResult* result = CPLHTTPFetch(url.c_str(), nullptr);
    REQUIRE(result != nullptr);
    CHECK(result->nStatus != 0);
    CHECK(result->pabyData == nullptr);
    CPLHTTPDestroyResult(result);
    REQUIRE(corridor::geo::refusedNetworkAccess().has_value());
    CHECK(*corridor::geo::refusedNetworkAccess() == url);
    corridor::geo::clearRefusedNetworkAccess();
    CHECK(!corridor::geo::refusedNetworkAccess().has_value());

    // PROJ: contexts made by anyone (GDAL's included) have grid downloads off.
    PJ_CONTEXT* ctx = proj_context_create();
    CHECK(proj_context_is_network_enabled(ctx) == 0);
    proj_context_destroy(ctx);
    CHECK(OSRGetPROJEnableNetwork() == 0);

    INFO("requests: " << server.requests());
    CHECK(server.connections() == 0);
}

TEST_CASE("with --allow-network, a /vsicurl/ URL opens whatever its name ends in")
{
    const NetworkPolicy on(true);
    const LocalServer server(Files {{"/x.geojson", kTinyGeoJson}, {"/places", kTinyGeoJson}});
    for (const std::string path : {"/x.geojson", "/places"}) {
        CAPTURE(path);
        corridor::geo::LoadOptions options;
        options.allowNetwork = true;
        const corridor::geo::LoadedSource src = corridor::geo::loadSource("/vsicurl/" + server.url(path), options);
        REQUIRE(src.layers.size() == 1);
        REQUIRE(src.layers[0].features.size() == 1);
        CHECK(src.layers[0].coords[0].x == doctest::Approx(48.87));
    }
    CHECK(server.connections() > 0);
}

TEST_CASE("corridor info and export refuse the hostile files without a connection or a file written")
{
    const LocalServer server;
    const fs::path dir = workDir("net_cli");
    std::vector<std::string> written {writeFixture("net_geocode_places.csv", dir, server.port())};
    const std::string port = std::to_string(server.port());
    for (const std::string& name : kHostile) {
        CAPTURE(name);
        const std::string path = writeFixture(name, dir, server.port());
        written.push_back(path);
        const Run info = runCorridor("info " + path);
        INFO(info.output);
        CHECK(info.exitCode == 1);
        CHECK(info.output.find("--allow-network") != std::string::npos);
        CHECK(info.output.find(port) != std::string::npos);
        const std::string png = (dir / "out.png").string();
        const Run exported = runCorridor("export --no-defaults --data " + path + " --size 64x64 --out " + png);
        INFO(exported.output);
        CHECK(exported.exitCode == 1);
        CHECK(exported.output.find("--allow-network") != std::string::npos);
        CHECK(!fs::exists(png));
    }
    INFO("requests: " << server.requests());
    CHECK(server.connections() == 0);
    CHECK(filesAddedTo(dir, written).empty());
}

TEST_CASE("corridor info --allow-network reads a GeoJSON served over HTTP")
{
    const LocalServer server(Files {{"/x.geojson", kTinyGeoJson}});
    const Run info = runCorridor("info --allow-network /vsicurl/" + server.url("/x.geojson"));
    INFO(info.output);
    CHECK(info.exitCode == 0);
    CHECK(info.output.find("features:  1") != std::string::npos);
    CHECK(server.connections() > 0);
}
