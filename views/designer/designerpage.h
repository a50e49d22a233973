#pragma once

#include <designservice.h>
#include <hubclient.h>

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTimer;
class QTreeWidget;

namespace durable::views {

class CodeEditor;
class JsonTextEdit;
class StartDialog;

/// The Designer: write a JavaScript orchestration, check it (live syntax check with an error
/// marker, and a dry run on a sample input with stubbed activities that lists the actions the code
/// takes), replay the stored histories of the orchestrator's instances against it (the replay
/// test), save it in the hub as a new version (registered as "v<N>") and start it. Checks, dry runs
/// and replay tests are jobs of the DesignService; their results come back queued and stale ones
/// are dropped.
class DesignerPage : public QWidget {
    Q_OBJECT
public:
    /// `client` and `design` (the design service of the same hub) must outlive the page.
    DesignerPage(HubClient *client, DesignService *design, QWidget *parent = nullptr);
    ~DesignerPage() override;

    /// Replaces the code with template `index` of designerTemplates(), without asking.
    void loadTemplate(int index);
    QString code() const;
    void setCode(const QString &code);
    QString fileName() const;
    QString orchestrator() const;
    /// The code differs from what was last loaded from a template or a version, or saved.
    bool isModified() const;
    /// Asks whether to discard unsaved changes; true when there are none or the user agrees.
    bool maybeDiscard();
    /// Prompts (maybeDiscard) when `window` is about to close and keeps it open on Cancel.
    void guardClose(QWidget *window);

    /// Syntax check now (the editor also runs it shortly after typing stops).
    void checkSyntax();
    /// Syntax check and a dry run of the selected orchestrator; finished() reports.
    void check();
    /// Replays the stored histories of the orchestrator's instances against the editor's code.
    void runReplayTest();
    /// Saves the code in the hub as a new version and registers it; versionSaved() reports.
    void saveAsNewVersion();
    /// Opens the start dialog for the orchestrator (its latest registered version).
    StartDialog *openRunDialog();
    /// Loads the code an instance ran, script `file` as saved version `version` ("v<N>", read
    /// from the hub) or, for a script loaded from disk, the file itself (only a .js file), and puts the cursor on
    /// `line` with the line highlighted (a failure's place). Asks first when there are unsaved
    /// changes; says in the status line when the code cannot be found. Emits revealRequested().
    void openScriptAt(const QString &file, const QString &version, int line);

    CodeEditor *editor() const { return m_editor; }
    QComboBox *templateBox() const { return m_templates; }
    QLineEdit *fileNameEdit() const { return m_fileName; }
    QComboBox *orchestratorBox() const { return m_orchestrator; }
    JsonTextEdit *inputEdit() const { return m_input; }
    JsonTextEdit *stubsEdit() const { return m_stubs; }
    QTreeWidget *actionList() const { return m_actionList; }
    QTreeWidget *replayList() const { return m_replayList; }
    QTreeWidget *versionList() const { return m_versionList; }
    QLabel *statusLine() const { return m_status; }
    QTabWidget *resultTabs() const { return m_results; }

    enum ActionColumn { StepColumn, IdColumn, NameColumn, InputColumn, AnswerColumn, ActionColumnCount };
    enum ReplayColumn {
        InstanceColumn,
        VersionColumn,
        VerdictColumn,
        DivergesAtColumn,
        DetailColumn,
        ReplayColumnCount
    };

Q_SIGNALS:
    void syntaxChecked(bool ok);
    void checkFinished();
    void replayTestFinished();
    void versionSaved(int version);
    void versionsListed();
    void instanceStarted(const QString &instanceId);
    /// The page wants to be visible (its window or dock shown and raised).
    void revealRequested();
    /// openScriptAt() has loaded the code and highlighted the line.
    void scriptOpened(const QString &file, int line);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *createToolRow();
    QWidget *createResults();
    void templateActivated(int index);
    /// Checks the code in the editor and calls `then` with what it defines when it defines an
    /// orchestrator. The outcome is shown unless the code changed or another check started since.
    void checkCode(std::function<void(const ScriptDefinitions &)> then);
    /// Shows a check's outcome: error marker, status line, the orchestrators in the box. True when
    /// the code defines an orchestrator.
    bool showCheck(const Result<ScriptDefinitions> &checked);
    QString draftErrorText(const Error &error) const;
    void showDryRun(const DryRunReport &result);
    void showReplayTest(const QString &name, const QList<ReplayVerdict> &verdicts,
                        const QHash<QString, QString> &versions, const std::optional<Error> &error);
    /// Saves checked code in the hub and registers the saved version.
    void save(const QString &file, const QString &source, const ScriptDefinitions &definitions);
    void reloadVersions();
    void loadVersion(int version);
    void setStatus(const QString &text, bool error = false);
    void updateState();

    HubClient *m_client;
    DesignService *m_design;
    QComboBox *m_templates;
    QLineEdit *m_fileName;
    QComboBox *m_orchestrator;
    QLabel *m_state;
    CodeEditor *m_editor;
    QLabel *m_status;
    QTabWidget *m_results;
    JsonTextEdit *m_input;
    JsonTextEdit *m_stubs;
    QTreeWidget *m_actionList;
    QTreeWidget *m_replayList;
    QTreeWidget *m_versionList;
    QPushButton *m_checkButton;
    QPushButton *m_replayButton;
    QPushButton *m_saveButton;
    QPushButton *m_runButton;
    QTimer *m_syntaxTimer;
    QString m_baseline;
    int m_templateIndex = -1;
    quint64 m_checkRequest = 0;
    quint64 m_dryRunRequest = 0;
    quint64 m_replayRequest = 0;
    quint64 m_versionsRequest = 0;
};

} // namespace durable::views
