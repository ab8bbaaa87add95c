#include "platform/imgui_bridge.hpp"
#include "render/text_shaper.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <string>

// setupUiFont builds the ImGui font atlas on the CPU: no window, no GL context, no display.

namespace {

using corridor::platform::kUiFontSizePx;
using corridor::platform::setupUiFont;
using corridor::platform::UiFont;

struct Context {
    ImGuiContext* context = ImGui::CreateContext();

    Context()
    {
        ImGui::GetIO().IniFilename = nullptr;
        ImGui::GetIO().LogFilename = nullptr;
    }
    ~Context() { ImGui::DestroyContext(context); }
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;
};

// Sets or clears an environment variable for one test and puts the old value back afterwards.
class EnvVar {
public:
    EnvVar(const char* name, const char* value) : m_name(name)
    {
        if (const char* old = std::getenv(name)) {
            m_old = old;
        }
        if (value != nullptr) {
            setenv(name, value, 1);
        } else {
            unsetenv(name);
        }
    }
    ~EnvVar()
    {
        if (m_old) {
            setenv(m_name, m_old->c_str(), 1);
        } else {
            unsetenv(m_name);
        }
    }
    EnvVar(const EnvVar&) = delete;
    EnvVar& operator=(const EnvVar&) = delete;

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

bool hasGlyph(const ImFont* font, unsigned codepoint)
{
    return font->FindGlyphNoFallback(static_cast<ImWchar>(codepoint)) != nullptr;
}

// Whole frames without a renderer: what the viewer does before ImGui_ImplOpenGL3_RenderDrawData. Two of them,
// because ImGui hides a new window for its first frame while it measures it.
const ImDrawData* runFrames(const char* text)
{
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60.0f;
    for (int i = 0; i < 2; ++i) {
        ImGui::NewFrame();
        ImGui::Begin("Layers");
        ImGui::TextUnformatted(text);
        ImGui::End();
        ImGui::Render();
    }
    return ImGui::GetDrawData();
}

void checkBuiltInFallback(const UiFont& font)
{
    const ImGuiIO& io = ImGui::GetIO();
    REQUIRE(font.font != nullptr);
    CHECK(font.path.empty());
    CHECK(font.warning.find("built-in font") != std::string::npos);
    CHECK(io.FontDefault == font.font);
    CHECK(io.Fonts->IsBuilt());
    CHECK(io.Fonts->Fonts.Size == 1);
    CHECK(font.sizePx == doctest::Approx(13.0f)); // ProggyClean
    CHECK(std::strstr(font.font->GetDebugName(), "ProggyClean") != nullptr);
    CHECK(runFrames("still drawn")->TotalVtxCount > 0);
}

} // namespace

TEST_CASE("setupUiFont: DejaVu Sans at 15 px, the labels' font file, with Latin, Cyrillic and punctuation")
{
    const EnvVar font("CORRIDOR_FONT", nullptr);
    const Context context;
    const UiFont ui = setupUiFont(ImGui::GetIO());

    const ImGuiIO& io = ImGui::GetIO();
    CHECK(ui.warning.empty());
    CHECK(ui.path == corridor::render::defaultFontPath());
    REQUIRE(ui.font != nullptr);
    CHECK(io.FontDefault == ui.font);
    CHECK(io.Fonts->IsBuilt()); // before any renderer backend asks for the texture
    REQUIRE(io.Fonts->Fonts.Size == 1);
    CHECK(io.Fonts->Fonts[0] == ui.font);
    CHECK(ui.sizePx == doctest::Approx(kUiFontSizePx));
    CHECK(ui.font->FontSize == doctest::Approx(15.0f));
    CHECK(std::strstr(ui.font->GetDebugName(), "DejaVu Sans") != nullptr);

    CHECK(hasGlyph(ui.font, 'A'));
    CHECK(hasGlyph(ui.font, 0x00E9)); // é, Latin-1
    CHECK(hasGlyph(ui.font, 0x0101)); // ā, Latin Extended-A (Bandar-e Abbās)
    CHECK(hasGlyph(ui.font, 0x1E63)); // ṣ, Latin Extended Additional
    CHECK(hasGlyph(ui.font, 0x0416)); // Ж
    CHECK(hasGlyph(ui.font, 0x044F)); // я
    CHECK(hasGlyph(ui.font, 0x203A)); // ›, between file and layer in titles
    CHECK(hasGlyph(ui.font, 0x2013)); // –
    CHECK(hasGlyph(ui.font, 0x2026)); // …, also ImGui's ellipsis for clipped text
    CHECK(hasGlyph(ui.font, 0x2192)); // →
    CHECK(hasGlyph(ui.font, 0x20AC)); // €
    // Persian and Arabic attribute values: ImGui cannot join or reorder them, so the Inspector draws them through
    // render::visualOrderForUi as presentation forms, which the font must hold
    CHECK(hasGlyph(ui.font, 0x0627)); // alef
    CHECK(hasGlyph(ui.font, 0xFE91)); // beh, initial form (Presentation Forms-B)
    CHECK(hasGlyph(ui.font, 0xFB58)); // peh, initial form (Presentation Forms-A, Persian)

    const ImDrawData* drawn = runFrames("Астрахань › basemap_seas – Bandar-e Abbās → Rasht");
    REQUIRE(drawn != nullptr);
    CHECK(drawn->TotalVtxCount > 0);
}

TEST_CASE("setupUiFont: the size follows the UI scale, and a scale that is not positive and finite counts as 1")
{
    const EnvVar font("CORRIDOR_FONT", nullptr);
    const float cases[][2] = {
        {2.0f, 30.0f},
        {1.5f, 22.5f},
        {0.0f, 15.0f},
        {-1.0f, 15.0f},
        {std::numeric_limits<float>::quiet_NaN(), 15.0f},
        {std::numeric_limits<float>::infinity(), 15.0f},
    };
    for (const auto& c : cases) {
        CAPTURE(c[0]);
        const Context context;
        const UiFont ui = setupUiFont(ImGui::GetIO(), c[0]);
        CHECK(ui.warning.empty());
        REQUIRE(ui.font != nullptr);
        CHECK(ui.font->FontSize == doctest::Approx(c[1]));
        CHECK(ui.sizePx == doctest::Approx(c[1]));
    }
}

TEST_CASE("setupUiFont: a CORRIDOR_FONT that does not exist falls back to the built-in font with one warning")
{
    const EnvVar font("CORRIDOR_FONT", "/nonexistent/corridor/NoSuchFont.ttf");
    const Context context;
    const UiFont ui = setupUiFont(ImGui::GetIO());
    checkBuiltInFallback(ui);
    CHECK(ui.warning.find("/nonexistent/corridor/NoSuchFont.ttf") != std::string::npos);
    CHECK(ui.warning.find('\n') == std::string::npos);
}

TEST_CASE("setupUiFont: a CORRIDOR_FONT that is not a font falls back cleanly")
{
    const std::string notAFont = std::string(CORRIDOR_TEST_DATA) + "/nodes.geojson";
    const EnvVar font("CORRIDOR_FONT", notAFont.c_str());
    const Context context;
    const UiFont ui = setupUiFont(ImGui::GetIO());
    checkBuiltInFallback(ui);
    CHECK(ui.warning.find("nodes.geojson") != std::string::npos);
}

TEST_CASE("setupUiFont: replaces what the atlas held, so calling it again leaves one font")
{
    const EnvVar font("CORRIDOR_FONT", nullptr);
    const Context context;
    setupUiFont(ImGui::GetIO());
    const UiFont again = setupUiFont(ImGui::GetIO(), 2.0f);
    CHECK(again.warning.empty());
    CHECK(ImGui::GetIO().Fonts->Fonts.Size == 1);
    CHECK(ImGui::GetIO().FontDefault == again.font);
    CHECK(again.sizePx == doctest::Approx(30.0f));
}
