#pragma once

#include <QPalette>

namespace durable::views {

/// A dark palette for the Fusion style, for platforms without a dark system theme (and for the
/// screenshots and tests that check the workbench stays readable on one).
QPalette darkPalette();

} // namespace durable::views
