@echo off
rem Prism launcher for Windows: "prism" opens the workbench, "prism COMMAND ..." runs headless.
setlocal
set HERE=%~dp0
set JAVA=java
if defined JAVA_HOME set JAVA=%JAVA_HOME%\bin\java
for %%f in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set LAUNCHER=%%f
if "%PRISM_VMARGS%"=="" set PRISM_VMARGS=-Xmx4g
if "%~1"=="" (
  "%JAVA%" %PRISM_VMARGS% -jar "%LAUNCHER%" -showsplash -application prism.app.application
) else (
  "%JAVA%" %PRISM_VMARGS% -jar "%LAUNCHER%" -nosplash -application prism.cli.headless %*
)
exit /b %ERRORLEVEL%
