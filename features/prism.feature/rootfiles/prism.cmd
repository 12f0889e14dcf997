@echo off
rem Prism launcher for Windows: "prism" opens the workbench, "prism COMMAND ..." runs headless.
setlocal
set HERE=%~dp0
set JAVA=java
if defined JAVA_HOME set JAVA=%JAVA_HOME%\bin\java
for %%f in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set LAUNCHER=%%f
if "%PRISM_VMARGS%"=="" set PRISM_VMARGS=-Xmx4g
if not "%~1"=="" goto headless
rem 23: the workbench asked to restart (after installing or removing a plugin): start it again.
:workbench
"%JAVA%" %PRISM_VMARGS% -jar "%LAUNCHER%" -showsplash -application prism.app.application
if errorlevel 23 if not errorlevel 24 goto workbench
exit /b %ERRORLEVEL%
:headless
"%JAVA%" %PRISM_VMARGS% -jar "%LAUNCHER%" -nosplash -application prism.cli.headless %*
exit /b %ERRORLEVEL%
