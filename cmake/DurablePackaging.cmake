# Installing like a desktop application: `cmake --install` puts the executable, its .desktop
# entry, SVG icon and AppStream metainfo under the prefix; `cpack -G DEB` (scripts/package.sh)
# packs the same into durable-workbench_<version>_<arch>.deb. One id names the desktop entry, the
# icon and the metainfo component (and the Wayland app id, see app/main.cpp): DURABLE_APP_ID.
#
# Only the application is installed (component "app"): the headless mode is the same binary; the
# examples, tests and the durable-bench tools stay in the build tree. Translations are embedded
# (:/i18n), so there is nothing else to install.
include(GNUInstallDirs)

set(DURABLE_HOMEPAGE https://github.com/durableworkbench/durable-workbench)
# The date of the release named by PROJECT_VERSION, for the metainfo's release list: move both together.
set(DURABLE_RELEASE_DATE 2026-12-01)

set(packaging_dir ${CMAKE_SOURCE_DIR}/packaging)
configure_file(${packaging_dir}/${DURABLE_APP_ID}.metainfo.xml.in
               ${CMAKE_BINARY_DIR}/packaging/${DURABLE_APP_ID}.metainfo.xml @ONLY)

# Nothing of ours is a shared library: the installed binary needs no RPATH (Qt comes from /usr/lib).
set_target_properties(durable-workbench PROPERTIES INSTALL_RPATH "")
install(TARGETS durable-workbench RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT app)
install(FILES ${packaging_dir}/${DURABLE_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT app)
install(FILES ${packaging_dir}/${DURABLE_APP_ID}.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT app)
install(FILES ${CMAKE_BINARY_DIR}/packaging/${DURABLE_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT app)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME durable-workbench)
set(CPACK_PACKAGE_VENDOR "Durable Workbench developers")
set(CPACK_PACKAGE_CONTACT "Durable Workbench developers <durable-workbench@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Workbench for durable orchestrations (Durable Functions style)")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# Only the application's component, even when other parts of the tree gain install rules.
set(CPACK_INSTALL_CMAKE_PROJECTS "${CMAKE_BINARY_DIR};${PROJECT_NAME};app;/")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${DURABLE_HOMEPAGE})
# The synopsis is CPACK_PACKAGE_DESCRIPTION_SUMMARY; CPack indents these lines for the control file.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Durable Workbench runs durable orchestrations in an embedded engine that keeps every
instance, its event history, inbox and logs in a task hub, one SQLite file. Its Qt
interface lists the instances, shows their histories on a timeline, starts, raises
events on, terminates, rewinds, restarts and purges them, and designs orchestrations
in JavaScript. It serves the Durable Functions HTTP management API and the Durable
Task sidecar protocol for SDK workers, also headless (--headless).")
# Libraries the binary links come from dpkg-shlibdeps. Qt's plugins are loaded at run time and
# invisible to it: the X11/Wayland platform plugins and the SVG icon engine (the window icon).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
# The API key lives in a Secret Service keychain; Qt's own Dutch strings (dialog buttons).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager, qt6-translations-l10n")
include(CPack)
