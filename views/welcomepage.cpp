#include "welcomepage.h"

#include "catalogproxy.h"

#include <formatting.h>

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace durable::views {

WelcomePage::WelcomePage(const Registry &registry, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("<h2>Welcome to Durable Workbench</h2>"), this);
    auto *text
        = new QLabel(tr("This task hub has no instances yet. Durable orchestrations are workflows whose every step "
                        "is recorded in a history, so they survive restarts and can wait for days. Start a "
                        "sample below and watch it run: the list updates live, the History tab steps through "
                        "what happened, the Logs tab shows which lines were logged again while replaying."),
                     this);
    text->setWordWrap(true);
    layout->addWidget(title);
    layout->addWidget(text);
    auto *grid = new QGridLayout;
    int row = 0;
    for (const auto &info : registry.orchestrators()) {
        if (!parentOfChildOrchestrator(info.name).isEmpty())
            continue; // started by its parent's button
        auto *button = new QPushButton(tr("Start %1").arg(info.name), this);
        button->setObjectName(QStringLiteral("welcome_") + info.name);
        const auto name = info.name;
        const auto input = info.sampleInput;
        connect(button, &QPushButton::clicked, this, [this, name, input] { Q_EMIT startRequested(name, input); });
        auto *description = new QLabel(models::translatedDescription(info.description), this);
        description->setWordWrap(true);
        grid->addWidget(button, row, 0);
        grid->addWidget(description, row, 1);
        ++row;
    }
    grid->setColumnStretch(1, 1);
    layout->addLayout(grid);
    auto *skip = new QPushButton(tr("Show the empty instance list"), this);
    connect(skip, &QPushButton::clicked, this, &WelcomePage::dismissed);
    layout->addWidget(skip, 0, Qt::AlignLeft);
    layout->addStretch(1);
}

} // namespace durable::views
