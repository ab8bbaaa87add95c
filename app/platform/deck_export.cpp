#include "platform/deck_export.hpp"

#include "core/atomic_file.hpp"
#include "core/deck_text.hpp"
#include "core/flyto.hpp"
#include "geo/crs_check.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/furniture_content.hpp"
#include "platform/headless_context.hpp"
#include "platform/map_export.hpp"
#include "platform/slide_stage.hpp"
#include "render/image.hpp"
#include "render/map_scene.hpp"
#include "render/offscreen_target.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <stdexcept>

namespace corridor::platform {

namespace fs = std::filesystem;

namespace {

std::string numbered(std::size_t n)
{
    char text[16];
    std::snprintf(text, sizeof text, "%02zu", n);
    return text;
}

// SOURCE_DATE_EPOCH for the deck's date (midnight UTC), so every image's date and time are the deck's; unset when
// the environment already has one or the deck gives none.
class DeckDate {
public:
    explicit DeckDate(const std::string& date)
    {
        if (std::getenv("SOURCE_DATE_EPOCH") != nullptr || date.empty()) {
            return;
        }
        std::tm day{};
        int year = 0, month = 1, mday = 1;
        if (std::sscanf(date.c_str(), "%d-%d-%d", &year, &month, &mday) < 1) {
            return;
        }
        day.tm_year = year - 1900;
        day.tm_mon = month - 1;
        day.tm_mday = mday;
        const std::time_t epoch = timegm(&day);
        setenv("SOURCE_DATE_EPOCH", std::to_string(static_cast<long long>(epoch)).c_str(), 1);
        m_set = true;
    }
    ~DeckDate()
    {
        if (m_set) {
            unsetenv("SOURCE_DATE_EPOCH");
        }
    }
    DeckDate(const DeckDate&) = delete;
    DeckDate& operator=(const DeckDate&) = delete;

private:
    bool m_set = false;
};

struct CairoSurface {
    cairo_surface_t* s = nullptr;
    ~CairoSurface() { cairo_surface_destroy(s); }
};
struct CairoContext {
    cairo_t* c = nullptr;
    ~CairoContext() { cairo_destroy(c); }
};

void check(cairo_status_t status, const std::string& what)
{
    if (status != CAIRO_STATUS_SUCCESS) {
        throw std::runtime_error(what + ": " + cairo_status_to_string(status));
    }
}

// Text on a PDF page that can be searched and copied but not seen: drawn at 1/255 opacity over the image, whose
// own pixels show the same words (cairo has no invisible text mode, and skips fully transparent drawing).
void hiddenText(cairo_t* cr, const std::string& text, double x, double y, double size, bool bold)
{
    if (text.empty()) {
        return;
    }
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_set_source_rgba(cr, 0, 0, 0, 1.0 / 255.0);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, text.c_str());
}

class DeckPdf {
public:
    // Written to PATH.part and renamed when finished: an export that fails leaves no half PDF at `path`.
    DeckPdf(const std::string& path, const std::string& title, const std::string& author, double widthPt, double heightPt)
        : m_path(path), m_part(path + ".part")
    {
        m_surface.s = cairo_pdf_surface_create(m_part.c_str(), widthPt, heightPt);
        check(cairo_surface_status(m_surface.s), path);
        cairo_pdf_surface_set_metadata(m_surface.s, CAIRO_PDF_METADATA_TITLE, title.c_str());
        cairo_pdf_surface_set_metadata(m_surface.s, CAIRO_PDF_METADATA_AUTHOR, author.c_str());
        cairo_pdf_surface_set_metadata(m_surface.s, CAIRO_PDF_METADATA_CREATOR, "Corridor");
        // The deck's date (SOURCE_DATE_EPOCH, set from it), so the file is the same bytes on every run.
        const std::string date = mapDate() + "T00:00:00Z";
        cairo_pdf_surface_set_metadata(m_surface.s, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
        cairo_pdf_surface_set_metadata(m_surface.s, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
        m_cr.c = cairo_create(m_surface.s);
        m_scale = 72.0 / 96.0; // a 1920-pixel slide is a 20-inch page at 96 dpi
    }

    void page(const std::string& png, const std::string& outline, const std::string& title, const SlideShow& show,
              const render::FurnitureLayout& layout, std::size_t number)
    {
        cairo_t* cr = m_cr.c;
        CairoSurface image;
        image.s = cairo_image_surface_create_from_png(png.c_str());
        check(cairo_surface_status(image.s), png);
        cairo_save(cr);
        cairo_scale(cr, m_scale, m_scale);
        cairo_set_source_surface(cr, image.s, 0, 0);
        cairo_paint(cr);
        // The slide's words where the image shows them: title, then the caption's lines, then the notes (off the
        // picture's text, at its bottom edge: a reader searching the PDF finds them too).
        if (layout.title) {
            hiddenText(cr, title, layout.title->x + 8, layout.title->y + 8 + 20, 20, true);
        }
        if (layout.caption) {
            double y = layout.caption->y + 20;
            for (const core::CaptionLine& line : core::parseCaption(show.furniture.caption)) {
                const std::string text = (line.bullet ? "• " : "") + core::plainText(line);
                hiddenText(cr, text, layout.caption->x + 8, y, 13, false);
                y += line.spans.empty() ? 8 : 19;
            }
        }
        cairo_restore(cr);
        const std::string dest = "slide-" + std::to_string(number);
        cairo_tag_begin(cr, CAIRO_TAG_DEST, ("name='" + dest + "'").c_str());
        cairo_tag_end(cr, CAIRO_TAG_DEST);
        cairo_pdf_surface_add_outline(m_surface.s, CAIRO_PDF_OUTLINE_ROOT, outline.c_str(), ("dest='" + dest + "'").c_str(),
                                      CAIRO_PDF_OUTLINE_FLAG_OPEN);
        cairo_show_page(cr);
        check(cairo_status(cr), m_path);
    }

    ~DeckPdf()
    {
        if (!m_finished) {
            std::error_code ignored;
            fs::remove(m_part, ignored);
        }
    }
    DeckPdf(const DeckPdf&) = delete;
    DeckPdf& operator=(const DeckPdf&) = delete;

    void finish()
    {
        cairo_surface_finish(m_surface.s);
        check(cairo_surface_status(m_surface.s), m_path);
        std::error_code ec;
        fs::rename(m_part, m_path, ec);
        if (ec) {
            throw std::runtime_error(m_path + ": " + ec.message());
        }
        m_finished = true;
    }

private:
    std::string m_path, m_part;
    bool m_finished = false;
    CairoSurface m_surface;
    CairoContext m_cr;
    double m_scale = 1.0;
};

// A title or caption for markdown: one line, its own markdown kept.
std::string oneLine(std::string text)
{
    for (char& c : text) {
        if (c == '\n') {
            c = ' ';
        }
    }
    return text;
}

} // namespace

std::vector<std::string> deckOutputFiles(const std::string& outDir, std::size_t slides)
{
    std::vector<std::string> files;
    for (std::size_t i = 1; i <= slides; ++i) {
        files.push_back((fs::path(outDir) / ("slide-" + numbered(i) + ".png")).string());
    }
    files.push_back((fs::path(outDir) / "deck.pdf").string());
    files.push_back((fs::path(outDir) / "index.md").string());
    return files;
}

DeckExportResult exportDeck(core::MapDocument& document, const core::Deck& deck, const DeckExportOptions& options,
                            const std::function<void(const std::string&)>& progress)
{
    if (deck.slides.empty()) {
        throw std::runtime_error(deck.file.string() + ": the deck has no slides; nothing was written");
    }
    std::error_code ec;
    fs::create_directories(options.outDir, ec);
    if (ec || !fs::is_directory(options.outDir)) {
        throw std::runtime_error(options.outDir + ": cannot make the folder" + (ec ? ": " + ec.message() : std::string()));
    }
    const std::vector<std::string> files = deckOutputFiles(options.outDir, deck.slides.size());
    if (!options.force) {
        for (const std::string& f : files) {
            if (fs::exists(f, ec)) {
                throw std::runtime_error(f + " exists; pass --force to replace the deck's files (nothing was written)");
            }
        }
    }
    const DeckDate dated(deck.date);
    const HeadlessContext context;
    // A scene per view CRS: a switch loads every layer afresh (MapScene::load is for an empty scene).
    auto newScene = [&] {
        auto made = std::make_unique<render::MapScene>();
        made->load(document);
        render::releaseMeshes(document);
        made->setPixelScale(static_cast<float>(options.scale));
        return made;
    };
    std::unique_ptr<render::MapScene> current = newScene();
    SlideStage stage(deck, document);
    DeckExportResult result;
    result.problems = stage.problems();
    const double w = options.size.width, h = options.size.height;
    core::FurnitureOptions base;
    base.scale = options.scale;

    const std::string title = stage.title(document);
    DeckPdf pdf(files[deck.slides.size()], title, deck.author, w * 72.0 / 96.0, h * 72.0 / 96.0);
    std::string index = "# " + (title.empty() ? deck.file.stem().string() : oneLine(title)) + "\n\n";
    if (!deck.author.empty() || !deck.date.empty()) {
        index += deck.author + (deck.author.empty() || deck.date.empty() ? "" : ", ") + deck.date + "\n\n";
    }
    index += "Slides exported by Corridor from `" + deck.file.filename().string() + "`; `deck.pdf` holds them all in order.\n";

    std::optional<core::Camera> previous;
    for (std::size_t i = 0; i < deck.slides.size(); ++i) {
        const SlideShow show = stage.slide(document, i, base);
        std::string crs = show.crs;
        if (crs != stage.baseCrs()) {
            const geo::ProjContext proj;
            if (auto problem = geo::mapCrsProblem(proj, crs)) {
                result.problems.push_back(deck.file.string() + ": slide " + std::to_string(i + 1) + ": view CRS '" +
                                          crs + "': " + *problem + "; drawn in the deck's");
                crs = stage.baseCrs();
            }
        }
        if (crs != document.viewCrs) {
            // Another view CRS: every layer built again in it (the slide's overlays are made after).
            stage.leave(document, *current);
            document.viewCrs = crs;
            geo::buildMeshes(document);
            current.reset(); // its GL objects go before the new scene's are made
            current = newScene();
        }
        render::MapScene& scene = *current;
        SlideStage::setDate(document, scene, stage.date(i));
        stage.apply(document, scene, i, w, h);
        scene.sync(document);
        const core::Camera camera = geo::frameOutput(document, {show.bbox, w, h, show.centre});
        if (options.framesPerSecond > 0 && previous && show.transition == core::Transition::Fly && show.seconds > 0) {
            // The flight from the slide before, at a fixed time step, with this slide's layers and no furniture.
            const fs::path folder = fs::path(options.outDir) / "frames" / (numbered(i) + "-" + numbered(i + 1));
            fs::create_directories(folder, ec);
            const core::FlyPath path(core::viewOf(*previous), core::viewOf(camera), w);
            const int count = std::max(1, static_cast<int>(std::lround(show.seconds * options.framesPerSecond)));
            for (int k = 0; k <= count; ++k) {
                const double t = static_cast<double>(k) / count;
                core::Camera at = camera;
                core::applyView(at, path.at(t * t * (3.0 - 2.0 * t))); // eased in and out, as the window flies
                OutputOptions frame;
                char name[32];
                std::snprintf(name, sizeof name, "%04d.png", k + 1);
                frame.out = (folder / name).string();
                frame.worldFile = false;
                exportView(scene, document, at, core::noFurniture({}), frame);
                ++result.frames;
            }
        }
        OutputOptions output;
        output.out = files[i];
        output.worldFile = false;
        output.metadata.title = show.furniture.title;
        output.metadata.comment = oneLine(show.furniture.caption);
        const ExportResult r = exportView(scene, document, camera, show.furniture, output);
        result.slides.push_back(files[i]);
        if (progress) {
            progress(files[i]);
        }
        const std::string heading = std::to_string(i + 1) + ". " +
                                    (show.furniture.title.empty() ? "Slide " + std::to_string(i + 1) : oneLine(show.furniture.title));
        pdf.page(files[i], heading, show.furniture.title, show, r.furniture, i + 1);
        index += "\n## " + heading + "\n\n![" + oneLine(show.furniture.title) + "](" + fs::path(files[i]).filename().string() + ")\n\n";
        if (!show.furniture.caption.empty()) {
            index += show.furniture.caption + "\n\n";
        }
        if (!show.asOf.empty()) {
            index += "Map as of " + show.asOf + ".\n\n";
        }
        if (!show.notes.empty()) {
            index += "Notes: " + oneLine(show.notes) + "\n\n";
        }
        std::string sources;
        for (const std::string& s : r.sources) {
            sources += (sources.empty() ? "" : "; ") + s;
        }
        index += "Sources: " + (sources.empty() ? std::string("the bundled geodata (geodata/SOURCES.md)") : sources) + "\n";
        previous = camera;
    }
    stage.leave(document, *current);
    pdf.finish();
    result.pdf = files[deck.slides.size()];
    if (progress) {
        progress(result.pdf);
    }
    core::writeFileAtomically(files.back(), index);
    result.index = files.back();
    if (progress) {
        progress(result.index);
    }
    return result;
}

} // namespace corridor::platform
